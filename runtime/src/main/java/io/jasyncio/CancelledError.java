package io.jasyncio;

import java.util.concurrent.CancellationException;

/**
 * The operation was cancelled: thrown by {@link Future#result()} of a cancelled future, and
 * thrown into a {@link Task}'s coroutine at the await where it was suspended when the task was
 * {@linkplain Task#cancel(String) cancelled}. Its {@linkplain #getMessage() message} is the one
 * given to {@code cancel(msg)}, or null.
 *
 * <p>It is a {@link CancellationException}, so it is unchecked and is what Java code around
 * {@link java.util.concurrent.CompletableFuture} already expects. Unlike Python's
 * {@code CancelledError}, which is a {@code BaseException}, a {@code catch (Exception e)} in an
 * {@code @Async} method catches it: rethrow it (or catch narrower types) unless the method
 * really means to refuse the cancellation.
 */
public class CancelledError extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** A cancellation without a message. */
    public CancelledError() {
        super();
    }

    /** A cancellation carrying the message given to {@code cancel(msg)}; may be null. */
    public CancelledError(String message) {
        super(message);
    }
}
