package io.jasyncio;

import io.jasyncio.internal.CoroutineFrame;

/**
 * {@link Asyncio#waitFor(Awaitable, double)}: asyncio 3.11's {@code wait_for} and
 * {@code _cancel_and_wait}, one state per await of the Python coroutine.
 *
 * <ul>
 *   <li>No timeout (not finite): the awaitable itself is awaited (a coroutine inline).</li>
 *   <li>{@code timeout <= 0}: {@code ensureFuture}; a done future gives its outcome, any other
 *       is cancelled and waited for (a coroutine's task never starts), then its outcome is
 *       given, a cancellation turned into {@link TimeoutError}.</li>
 *   <li>Otherwise a waiter future, released by the inner future's done callback or by a
 *       timer. If the inner future is done then, its outcome is given; if not, it is cancelled
 *       and waited for, and its outcome is given, a cancellation turned into TimeoutError.</li>
 *   <li>The caller cancelled while waiting: if the inner future is done, its outcome is given;
 *       otherwise it is cancelled and waited for, and the caller's CancelledError rethrown.</li>
 * </ul>
 * Cancelling and waiting goes through its own waiter rather than awaiting the inner future
 * directly, so that the caller can still be cancelled while it waits.
 */
final class WaitForCoroutine<T> extends CoroutineFrame<T> implements Runnable {
    private static final int START = 0;
    private static final int PLAIN = 1;
    private static final int WAITING = 2;
    private static final int CANCELLED_ON_TIMEOUT = 3;
    private static final int CANCELLED_ON_CANCEL = 4;

    private Awaitable<T> awaitable;
    private final double timeout;
    private int label = START;
    private Future<T> fut;
    private Future<Void> waiter;
    private TimerHandle timer;
    private final java.util.function.Consumer<Future<T>> release = f -> run();
    private Throwable toRethrow;

    WaitForCoroutine(Awaitable<T> awaitable, double timeout) {
        this.awaitable = awaitable;
        this.timeout = timeout;
    }

    @Override
    protected Object resume(Object value, Throwable error) throws Throwable {
        switch (label) {
            case START: {
                if (error != null) {
                    throw error;
                }
                EventLoop loop = Asyncio.getRunningLoop();
                Awaitable<T> aw = awaitable;
                awaitable = null;
                if (!Double.isFinite(timeout)) {
                    label = PLAIN;
                    return aw;
                }
                fut = loop.ensureFuture(aw);
                if (timeout <= 0) {
                    if (fut.done()) {
                        return complete(fut.result());
                    }
                    label = CANCELLED_ON_TIMEOUT;
                    return cancelAndWait(loop);
                }
                waiter = loop.createFuture();
                timer = loop.callLater(timeout, this);
                fut.addDoneCallback(release);
                label = WAITING;
                return waiter;
            }
            case PLAIN:
                if (error != null) {
                    throw error;
                }
                return complete(value);
            case WAITING: {
                timer.cancel(); // it could only release the waiter, which is done now
                if (fut.done()) {
                    return complete(fut.result());
                }
                fut.removeDoneCallback(release);
                if (error != null) {
                    toRethrow = error; // the caller was cancelled
                    label = CANCELLED_ON_CANCEL;
                } else {
                    label = CANCELLED_ON_TIMEOUT;
                }
                return cancelAndWait(fut.getLoop());
            }
            case CANCELLED_ON_TIMEOUT:
                fut.removeDoneCallback(release);
                if (error != null) {
                    throw error;
                }
                try {
                    return complete(fut.result());
                } catch (CancelledError cancelled) {
                    if (((Throwable) cancelled) instanceof TimeoutError) {
                        throw cancelled;
                    }
                    TimeoutError timedOut = new TimeoutError();
                    timedOut.initCause(cancelled);
                    throw timedOut;
                }
            case CANCELLED_ON_CANCEL:
                fut.removeDoneCallback(release);
                if (error != null) {
                    throw error;
                }
                throw toRethrow;
            default:
                throw new IllegalStateException("resumed after the end: " + this);
        }
    }

    /** {@code _cancel_and_wait}: a new waiter released when {@code fut} is done, then cancel it. */
    private Future<Void> cancelAndWait(EventLoop loop) {
        waiter = loop.createFuture();
        fut.addDoneCallback(release);
        fut.cancel();
        return waiter;
    }

    /** Releases the current waiter (timer, or the inner future's done callback). */
    @Override
    public void run() {
        if (!waiter.done()) {
            waiter.setResult(null);
        }
    }

    @Override
    public String toString() {
        return "<coroutine waitFor(" + timeout + ")>";
    }
}
