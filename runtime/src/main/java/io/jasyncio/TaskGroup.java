package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.internal.Throwables;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Structured concurrency: tasks started together that end together. asyncio's
 * {@code TaskGroup}: in try-with-resources in an {@code @Async} method, the end of the block
 * awaits the children, as Python's {@code async with} does.
 *
 * <pre>{@code
 * @Async
 * Coroutine<Void> fetchBoth() {
 *     Task<String> a;
 *     Task<String> b;
 *     try (TaskGroup group = new TaskGroup()) {
 *         a = group.createTask(fetch("a"));
 *         b = group.createTask(fetch("b"));
 *     }                                     // both finished here, or an ExceptionGroup
 *     use(a.result(), b.result());
 *     return result();
 * }
 * }</pre>
 *
 * <p>The first child that fails cancels every other child and the task running the group
 * (so whatever it awaits is interrupted); {@link #join()} waits for all children and then
 * throws an {@link ExceptionGroup} with every failure. A cancel of the task from outside
 * cancels the children and comes out of {@code join()} as a plain {@link CancelledError}.
 * The group takes back the cancel it caused itself ({@link Task#uncancel()}).
 *
 * <p>The block's end awaits {@link #aclose()} ({@link #join()}); when the block fails, it
 * awaits {@link #aclose(Throwable)} ({@link #join(Throwable)}), which cancels the children
 * first, and what that throws is suppressed in the block's exception, by Java's rules. Outside
 * try-with-resources, await {@code join()} (or {@code join(failure)}) yourself; a group closed
 * by {@link #close()} without either only cancels its children, and failures they report later
 * go to the loop's exception handler.
 */
public final class TaskGroup implements AsyncCloseable {
    private final EventLoop loop;
    private final Task<?> parent;
    private final ChildDone childDone = new ChildDone();
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    private boolean closedWithoutJoin;
    private Throwable baseError;
    private Future<Void> allDone;

    /**
     * Opens a group in the current task.
     *
     * @throws IllegalStateException if not called from a task
     */
    public TaskGroup() {
        this.loop = Asyncio.getRunningLoop();
        this.parent = Asyncio.currentTask();
        if (parent == null) {
            throw new IllegalStateException("TaskGroup " + this + " cannot determine the parent task");
        }
    }

    /** Starts {@code coro} as a task of this group. */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /**
     * Starts {@code coro} as a task of this group, with a name.
     *
     * @throws IllegalStateException if the group is finished or shutting down
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coro, name);
        tasks.add(task);
        task.addDoneCallback(childDone);
        return task;
    }

    /** {@link #join()}: what try-with-resources awaits at the end of the group's block. */
    @Override
    public Coroutine<Void> aclose() {
        return join(null);
    }

    /** {@link #join(Throwable)}: what try-with-resources awaits when the block fails. */
    @Override
    public Coroutine<Void> aclose(Throwable failure) {
        return join(failure);
    }

    /** Waits for every child; the group's exit when its body ended normally. */
    public Coroutine<Void> join() {
        return join(null);
    }

    /**
     * The group's exit when its body failed with {@code bodyFailure}: the children are
     * cancelled and waited for; then the body's failure comes out with theirs in an
     * {@link ExceptionGroup} (a body cancellation comes out as it is, unless children failed).
     */
    @Async
    public Coroutine<Void> join(Throwable bodyFailure) {
        CancelledError propagate = enter(bodyFailure);
        while (!tasks.isEmpty()) {
            allDone = loop.createFuture();
            try {
                await(allDone);
            } catch (CancelledError cancel) {
                // Cancelled from outside while waiting: cancel the children, wait for them
                // all the same, and let the cancellation out at the end.
                if (!aborting) {
                    propagate = cancel;
                    abort();
                }
            }
            allDone = null;
        }
        Throwable failure = exitFailure(bodyFailure, propagate);
        if (failure != null) {
            throw Throwables.sneakyThrow(failure);
        }
        return result();
    }

    /** The exit begins: the body's failure, if any, cancels the children; a body cancelled is the cancellation to let out. */
    private CancelledError enter(Throwable bodyFailure) {
        exiting = true;
        if (bodyFailure instanceof VirtualMachineError && baseError == null) {
            baseError = bodyFailure;
        }
        CancelledError propagate = null;
        if (bodyFailure != null) {
            if (bodyFailure instanceof CancelledError cancel) {
                propagate = cancel;
            }
            if (!aborting) {
                abort();
            }
        }
        return propagate;
    }

    /** What the exit throws once every child is done, or null: it takes back the cancel of the parent the group made. */
    private Throwable exitFailure(Throwable bodyFailure, CancelledError propagate) {
        if (parentCancelRequested) {
            parentCancelRequested = false;
            if (parent.uncancel() == 0) {
                propagate = null;
            }
        }
        if (baseError != null) {
            return baseError;
        }
        if (propagate != null && errors.isEmpty()) {
            return propagate;
        }
        if (bodyFailure != null && !(bodyFailure instanceof CancelledError)) {
            errors.add(bodyFailure);
        }
        if (!errors.isEmpty()) {
            List<Throwable> failures = new ArrayList<>(errors);
            errors.clear();
            return new ExceptionGroup("unhandled errors in a TaskGroup", failures);
        }
        return null;
    }

    /**
     * Cancels the children if neither {@code join} ran (the body left early); otherwise does
     * nothing. It cannot wait for them.
     */
    @Override
    public void close() {
        if (!exiting) {
            exiting = true;
            closedWithoutJoin = true;
            abort();
        }
    }

    @Override
    public String toString() {
        return "<TaskGroup tasks=" + tasks.size() + (aborting ? " cancelling" : "") + (exiting ? " exiting" : "") + ">";
    }

    private void abort() {
        aborting = true;
        for (Task<?> task : tasks) {
            if (!task.done()) {
                task.cancel();
            }
        }
    }

    /** The callback on each child: the parent waits for the children, so a call graph goes up from a child to it. */
    private final class ChildDone implements Consumer<Future<?>>, Waiter {
        @Override
        public void accept(Future<?> child) {
            childDone(child);
        }

        @Override
        public Future<?> waiter() {
            return parent;
        }
    }

    private void childDone(Future<?> child) {
        tasks.remove(child);
        if (allDone != null && tasks.isEmpty() && !allDone.done()) {
            allDone.setResult(null);
        }
        if (child.cancelled()) {
            return;
        }
        Throwable failure = child.exception();
        if (failure == null) {
            return;
        }
        if (closedWithoutJoin || parent.done()) {
            loop.callExceptionHandler(ExceptionContext.of("Unhandled error in a TaskGroup nobody joined", failure)
                    .with("task", child));
            return;
        }
        errors.add(failure);
        if (failure instanceof VirtualMachineError && baseError == null) {
            baseError = failure;
        }
        if (!aborting && !parentCancelRequested) {
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }
}
