package io.jasyncio;

/**
 * Thrown by {@link Queue#getNowait()} when the queue is {@linkplain Queue#empty() empty}:
 * asyncio's {@code QueueEmpty}. Unchecked.
 */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Without a message, as asyncio raises it. */
    public QueueEmpty() {
        super();
    }

    /** With {@code message}. */
    public QueueEmpty(String message) {
        super(message);
    }
}
