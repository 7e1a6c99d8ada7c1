package io.jasyncio;

/**
 * Thrown by a {@link Queue}'s puts, and by its gets once it is empty, after
 * {@link Queue#shutdown()}: asyncio 3.13's {@code QueueShutDown}.
 */
public class QueueShutDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Without a message, as asyncio raises it. */
    public QueueShutDown() {
        super();
    }

    /** With {@code message}. */
    public QueueShutDown(String message) {
        super(message);
    }
}
