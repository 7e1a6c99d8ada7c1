package io.jasyncio;

import io.jasyncio.internal.CoroutineFrame;
import java.util.List;

/**
 * A hand-written coroutine for tests: the body is a lambda written the way the bytecode pass
 * writes resume methods, a switch on {@link #label}. Until the pass exists, this is how tests
 * drive tasks through the frame contract.
 */
final class TestFrame<T> extends CoroutineFrame<T> {
    /** One resume: {@code value}/{@code error} are what the last await produced. */
    @FunctionalInterface
    interface Body {
        Object resume(TestFrame<?> frame, Object value, Throwable error) throws Throwable;
    }

    int label;
    private final String name;
    private final Body body;

    private TestFrame(String name, Body body) {
        this.name = name;
        this.body = body;
    }

    static <T> TestFrame<T> of(String name, Body body) {
        return new TestFrame<>(name, body);
    }

    /** A coroutine that awaits {@code awaitable} and returns what it gives. */
    static <T> TestFrame<T> awaiting(Awaitable<T> awaitable) {
        return of("awaiting", (f, value, error) -> {
            if (error != null) {
                throw error;
            }
            return f.label++ == 0 ? awaitable : f.ret(value);
        });
    }

    /** A coroutine that returns {@code value} without suspending. */
    static <T> TestFrame<T> returning(T value) {
        return of("returning", (f, v, error) -> {
            if (error != null) {
                throw error;
            }
            return f.ret(value);
        });
    }

    /** A coroutine that appends {@code name} to {@code log} and returns it, without suspending. */
    static TestFrame<String> logging(List<String> log, String name) {
        return of(name, (f, v, error) -> {
            if (error != null) {
                throw error;
            }
            log.add(name);
            return f.ret(name);
        });
    }

    /** Sets the next resume point and returns {@code awaitable}: the body's {@code await}. */
    Object await(int nextLabel, Object awaitable) {
        label = nextLabel;
        return awaitable;
    }

    /** The body's {@code return result(value)}. */
    Object ret(Object value) {
        return complete(value);
    }

    @Override
    protected Object resume(Object value, Throwable error) throws Throwable {
        return body.resume(this, value, error);
    }

    @Override
    public String toString() {
        return "<coroutine " + name + ">";
    }
}
