package io.jasyncio;

import io.jasyncio.internal.Throwables;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A mapping of {@link ContextVar}s to values: Python's {@code contextvars.Context}. Code always
 * runs in some context (each thread has its own); {@link ContextVar#set} changes the current
 * one. A task runs every step in its own context, a copy of the one current when it was
 * created; a callback runs in a copy of the one current when it was scheduled. So a value set
 * in a task is seen by everything it awaits and by the tasks and callbacks it starts later,
 * and never by its parent or its siblings.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "-");
 *
 * @Async
 * Coroutine<Void> handle(Request request) {
 *     REQUEST_ID.set(request.id());         // this task's copy only
 *     await(load(request));                 // load() and what it awaits see the id
 *     log.info("[" + REQUEST_ID.get() + "] done");
 *     return result();
 * }
 * }</pre>
 *
 * <p>Copying a context ({@link #copyContext()}, and every task creation and callback scheduled)
 * costs O(1): contexts share an immutable map, and setting a variable replaces the map of the
 * current context only. A context is not thread-safe; use each on one thread at a time.
 */
public final class Context {
    private ContextMap values;
    private boolean entered;

    Context(ContextMap values) {
        this.values = values;
    }

    /** A copy of the current context: asyncio's {@code contextvars.copy_context()}. */
    public static Context copyContext() {
        ContextsInUse.switchOn();
        Context current = ContextState.ofCurrentThread().current;
        return new Context(current == null ? ContextMap.EMPTY : current.values);
    }

    /**
     * Runs {@code code} in this context: the variables it sets change this context, and the
     * caller's context is current again when it returns.
     *
     * @throws IllegalStateException if this context is already entered (running code)
     */
    public void run(Runnable code) {
        run(() -> {
            code.run();
            return null;
        });
    }

    /**
     * Runs {@code code} in this context and returns its value; an exception it throws comes out
     * as it is, checked or not.
     *
     * @throws IllegalStateException if this context is already entered (running code)
     */
    public <T> T run(Callable<T> code) {
        if (entered) {
            throw new IllegalStateException("cannot enter context: " + this + " is already entered");
        }
        ContextsInUse.switchOn();
        ContextState state = ContextState.ofCurrentThread();
        Context previous = state.current;
        state.current = this;
        entered = true;
        try {
            return code.call();
        } catch (Exception e) {
            throw Throwables.sneakyThrow(e);
        } finally {
            entered = false;
            state.current = previous;
        }
    }

    /** The value of {@code var} in this context, or null if it is not set here. */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> var) {
        return (T) values.get(var, null);
    }

    /** True if {@code var} is set in this context. */
    public boolean containsKey(ContextVar<?> var) {
        return values.get(var, ContextMap.EMPTY) != ContextMap.EMPTY;
    }

    /** How many variables are set in this context. */
    public int size() {
        return values.size();
    }

    /** The variables set in this context, in the order they were first set. */
    public List<ContextVar<?>> keys() {
        return List.of(values.vars());
    }

    ContextMap values() {
        return values;
    }

    void setValues(ContextMap values) {
        this.values = values;
    }

    /** Runs {@code code} in this context for the loop (a callback or a task step), without the entered check. */
    void runOnLoop(ContextState state, Runnable code) {
        Context previous = state.current;
        state.current = this;
        try {
            code.run();
        } finally {
            state.current = previous;
        }
    }

    @Override
    public String toString() {
        return "<Context " + keys() + ">";
    }
}
