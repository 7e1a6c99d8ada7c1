package io.jasyncio;

/**
 * Receives the errors an {@link EventLoop} cannot hand to anyone else: an exception escaping
 * a callback, a task exception nobody retrieved, and the like. Installed with
 * {@link EventLoop#setExceptionHandler}; an exception thrown by the handler itself is logged
 * by the loop's {@linkplain EventLoop#defaultExceptionHandler default handler}.
 */
@FunctionalInterface
public interface ExceptionHandler {
    /** Handles one error; {@code context} says what went wrong, and where. */
    void handle(EventLoop loop, ExceptionContext context);
}
