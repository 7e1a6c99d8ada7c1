package io.jasyncio.net;

/**
 * A separator was not found within the stream reader's limit: asyncio's
 * {@code LimitOverrunError}. {@code readuntil} leaves the data in the buffer; {@code readline}
 * discards it. asyncio's {@code readline} reports this as a {@code ValueError}, Java's
 * {@link IllegalArgumentException}; this class extends it, so code written either way catches it.
 */
public class LimitOverrunError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int consumed;

    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** How many bytes were scanned, to be consumed by the caller. */
    public int consumed() {
        return consumed;
    }
}
