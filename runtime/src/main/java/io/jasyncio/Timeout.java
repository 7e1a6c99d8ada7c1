package io.jasyncio;

/**
 * A deadline for the code of a block in a task: asyncio's {@code async with timeout(delay)}.
 * When the deadline passes, the task is cancelled where it awaits, and a {@link TimeoutError}
 * leaves the block.
 *
 * <pre>{@code
 * @Async
 * Coroutine<String> fetchOrGiveUp(String url) {
 *     try (Timeout deadline = Asyncio.timeout(2.0)) {
 *         return result(await(fetch(url)));
 *     } catch (TimeoutError e) {
 *         return result("gave up");
 *     }
 * }
 * }</pre>
 *
 * <p>Creating the timeout enters it: it must be created inside a task, on the loop's thread,
 * and is closed by the try-with-resources. It converts only its own cancellation: if the task
 * was also cancelled from outside, a plain {@link CancelledError} leaves the block. Timeouts
 * nest, and {@link #reschedule} moves the deadline. If the code inside catches the
 * cancellation and finishes normally, nothing is thrown, and {@link #expired()} tells.
 *
 * <p>Implementation: when the deadline passes, the timeout cancels the task and marks the
 * task so that this cancellation is delivered, at the await, as a {@code TimeoutError} (a
 * {@code CancelledError}) instead of a plain one, unless another cancel request is pending.
 * Closing takes the cancel request back ({@link Task#uncancel()}), as asyncio's exit does.
 */
public final class Timeout implements AutoCloseable {
    private enum State { ENTERED, EXPIRING, EXPIRED, EXITED }

    private final EventLoop loop;
    private final Task<?> task;
    private final int cancellingAtEntry;
    private State state = State.ENTERED;
    private double when;
    private Handle handler;

    Timeout(EventLoop loop, double when) {
        this.loop = loop;
        this.task = Asyncio.currentTask();
        if (task == null || task.getLoop() != loop) {
            throw new IllegalStateException("Timeout should be used inside a task");
        }
        this.cancellingAtEntry = task.cancelling();
        reschedule(when);
    }

    /** The deadline, in loop time ({@link EventLoop#time()}); infinite for none. */
    public double when() {
        return when;
    }

    /**
     * Moves the deadline to loop time {@code when} (infinite: no deadline; in the past: now).
     *
     * @throws IllegalStateException if the timeout has expired or is closed
     */
    public void reschedule(double when) {
        if (state != State.ENTERED) {
            throw new IllegalStateException("Cannot change state of " + state.name().toLowerCase() + " Timeout");
        }
        this.when = when;
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (Double.isInfinite(when) && when > 0) {
            return;
        }
        handler = when <= loop.time() ? loop.callSoon(this::expire) : loop.callAt(when, this::expire);
    }

    /** True once the deadline has passed. */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /** Leaves the block: cancels the deadline, or takes back the cancellation it caused. */
    @Override
    public void close() {
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            task.uncancel();
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
    }

    @Override
    public String toString() {
        return "<Timeout [" + state.name().toLowerCase() + "] when=" + when + ">";
    }

    private void expire() {
        handler = null;
        state = State.EXPIRING;
        task.cancelForTimeout(cancellingAtEntry);
    }
}
