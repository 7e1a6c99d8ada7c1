package io.jasyncio;

/**
 * A resource whose closing is awaited: asyncio's {@code async with}. In an {@code @Async}
 * method (or a lambda that may await), try-with-resources awaits {@link #aclose()} at the end
 * of the block, on every way out of it (the end, {@code return}, {@code break},
 * {@code continue}, an exception, with Java's rules for suppressed exceptions); the compiler
 * rejects such a try anywhere else.
 *
 * <pre>{@code
 * try (TaskGroup group = new TaskGroup()) {
 *     group.createTask(fetch("a"));
 *     group.createTask(fetch("b"));
 * }   // awaits the children here, as asyncio's async with does
 * }</pre>
 *
 * <p>{@link #close()} cannot await: unless a class says otherwise, it throws.
 */
public interface AsyncCloseable extends AutoCloseable {
    /** An awaitable that closes the resource and completes once it is closed. */
    Awaitable<Void> aclose();

    /**
     * {@link #aclose()} when leaving the block because of {@code failure}: asyncio's
     * {@code __aexit__} with an exception, for resources that behave differently then (a
     * {@link TaskGroup} cancels its children). By default, {@code aclose()}.
     */
    default Awaitable<Void> aclose(Throwable failure) {
        return aclose();
    }

    /**
     * Closing without awaiting: by default refused, since the resource must be awaited.
     *
     * @throws IllegalStateException unless the class defines a close that needs no await
     */
    @Override
    default void close() {
        throw new IllegalStateException(getClass().getName() + " is closed by awaiting aclose(): use it in"
                + " try-with-resources inside an @Async method, or await(resource.aclose())");
    }
}
