package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.internal.Throwables;
import java.util.function.Consumer;

/**
 * {@link Asyncio#waitFor(Awaitable, double)}: asyncio 3.11's {@code wait_for} and
 * {@code _cancel_and_wait}.
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
 * It waits on waiter futures of its own rather than on the inner future, so that the caller
 * stays cancellable while the inner work is being cancelled.
 */
final class WaitFor {
    private WaitFor() {}

    @Async
    static <T> Coroutine<T> waitFor(Awaitable<T> aw, double timeout) {
        if (!Double.isFinite(timeout)) {
            return result(await(aw));
        }
        EventLoop loop = Asyncio.getRunningLoop();
        Future<T> fut = loop.ensureFuture(aw);
        if (timeout > 0) {
            Future<Void> waiter = loop.createFuture();
            Consumer<Future<T>> release = done -> release(waiter);
            TimerHandle timer = loop.callLater(timeout, () -> release(waiter));
            fut.addDoneCallback(release);
            Throwable callerFailure = null;
            try {
                await(waiter);
            } catch (Throwable failure) {
                callerFailure = failure; // the caller was cancelled
            }
            timer.cancel();
            if (fut.done()) {
                return result(fut.result());
            }
            fut.removeDoneCallback(release);
            if (callerFailure != null) {
                await(cancelAndWait(fut));
                throw Throwables.sneakyThrow(callerFailure);
            }
        } else if (fut.done()) {
            return result(fut.result());
        }
        await(cancelAndWait(fut));
        try {
            return result(fut.result());
        } catch (CancelledError cancelled) {
            if (((Throwable) cancelled) instanceof TimeoutError) {
                throw cancelled;
            }
            TimeoutError timedOut = new TimeoutError();
            timedOut.initCause(cancelled);
            throw timedOut;
        }
    }

    /** asyncio's {@code _cancel_and_wait}: cancel {@code fut} and wait until it is done, on a waiter of its own. */
    @Async
    private static <T> Coroutine<Void> cancelAndWait(Future<T> fut) {
        Future<Void> waiter = fut.getLoop().createFuture();
        Consumer<Future<T>> release = done -> release(waiter);
        fut.addDoneCallback(release);
        fut.cancel();
        try {
            await(waiter);
        } finally {
            fut.removeDoneCallback(release);
        }
        return result();
    }

    private static void release(Future<Void> waiter) {
        if (!waiter.done()) {
            waiter.setResult(null);
        }
    }
}
