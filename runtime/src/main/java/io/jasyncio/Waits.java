package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.internal.Throwables;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * asyncio's {@code wait} and {@code wait_for}, behind {@link Asyncio#wait(Collection, ReturnWhen, double)}
 * and {@link Asyncio#waitFor(Awaitable, double)}.
 *
 * <p>{@code wait}: it puts a completion callback on every future and awaits a private waiter
 * future, which the callbacks (or the timer) complete. However the await ends, the timer is
 * cancelled and the callbacks removed; the futures themselves are never cancelled, not even
 * when the waiting task is.
 *
 * <p>{@code wait_for} (3.11's, with {@code _cancel_and_wait}):
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
final class Waits {
    private Waits() {}

    /** asyncio's {@code wait} and {@code _wait}: nothing happens until it is awaited. */
    @Async
    static <T> Coroutine<Done<T>> wait(Collection<? extends Awaitable<T>> given, ReturnWhen returnWhen,
                                       double timeout) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        EventLoop loop = Asyncio.getRunningLoop();
        Set<Future<T>> fs = new LinkedHashSet<>();
        for (Awaitable<T> aw : new ArrayList<>(given)) {
            if (!(aw instanceof Future<T> future)) {
                throw new IllegalArgumentException(
                        aw == null ? "null in the futures to wait for"
                                : "Passing coroutines is forbidden, use tasks explicitly.");
            }
            fs.add(loop.ensureFuture(future));
        }
        Completions completions = new Completions(loop, fs.size(), returnWhen, timeout);
        for (Future<T> f : fs) {
            f.addDoneCallback(completions);
        }
        try {
            await(completions.waiter);
        } finally {
            completions.cancelTimer();
            for (Future<T> f : fs) {
                f.removeDoneCallback(completions);
            }
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : fs) {
            (f.done() ? done : pending).add(f);
        }
        return result(new Done<>(done, pending));
    }

    /** {@code wait}'s callback on every future, and its timer's: releases the waiter when {@code returnWhen} says. */
    private static final class Completions implements Consumer<Future<?>>, Runnable {
        final Future<Void> waiter;
        private final ReturnWhen returnWhen;
        private final TimerHandle timer;
        private int counter;

        Completions(EventLoop loop, int counter, ReturnWhen returnWhen, double timeout) {
            this.waiter = loop.createFuture();
            this.returnWhen = returnWhen;
            this.counter = counter;
            this.timer = Double.isFinite(timeout) ? loop.callLater(timeout, this) : null;
        }

        @Override
        public void accept(Future<?> f) {
            counter--;
            if (counter <= 0
                    || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null)) {
                cancelTimer();
                run();
            }
        }

        /** The timeout: release the waiter. */
        @Override
        public void run() {
            release(waiter);
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

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
