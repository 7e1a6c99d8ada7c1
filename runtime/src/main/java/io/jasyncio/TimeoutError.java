package io.jasyncio;

/**
 * A timeout expired: thrown out of a {@link Timeout} block whose deadline passed, and by
 * {@link Asyncio#waitFor}. Its cause, if any, is the {@link CancelledError} that stopped the
 * work that timed out.
 *
 * <p>It is a {@link CancelledError}, because inside a timeout block it <em>is</em> the
 * cancellation: code there sees it arrive at its await, runs its {@code finally} blocks and
 * {@code catch (CancelledError e)} handlers, as in asyncio; and because try-with-resources
 * cannot replace the exception leaving the block, the same object leaves the block as a
 * {@code TimeoutError}. So outside the block, catch {@code TimeoutError} before
 * {@code CancelledError}. A task that ends with it has failed, not been cancelled.
 */
public class TimeoutError extends CancelledError {
    private static final long serialVersionUID = 1L;

    public TimeoutError() {
        super();
    }

    public TimeoutError(String message) {
        super(message);
    }
}
