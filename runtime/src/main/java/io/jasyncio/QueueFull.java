package io.jasyncio;

/**
 * Thrown by {@link Queue#putNowait(Object)} when the queue is {@linkplain Queue#full() full}:
 * asyncio's {@code QueueFull}. Unchecked.
 */
public class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Without a message, as asyncio raises it. */
    public QueueFull() {
        super();
    }

    /** With {@code message}. */
    public QueueFull(String message) {
        super(message);
    }
}
