package io.jasyncio;

/**
 * A {@link Barrier} was {@linkplain Barrier#abort() aborted} or {@linkplain Barrier#reset()
 * reset} while a task was waiting at it, or a task arrived at an aborted barrier: asyncio's
 * {@code BrokenBarrierError} (a {@code RuntimeError}, hence an {@link IllegalStateException}).
 */
public class BrokenBarrierError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public BrokenBarrierError(String message) {
        super(message);
    }
}
