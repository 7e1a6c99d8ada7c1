package io.jasyncio;

import io.jasyncio.internal.CoroutineFrame;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link Asyncio#wait(Collection, ReturnWhen, double)}: asyncio's {@code wait} and
 * {@code _wait}. Nothing happens until it is awaited; then it checks its arguments, puts a
 * completion callback on every future and awaits a private waiter future, which the callbacks
 * (or the timer) complete. However the await ends, the timer is cancelled and the callbacks
 * removed; the futures themselves are never cancelled, not even when the waiting task is.
 */
final class WaitCoroutine<T> extends CoroutineFrame<Done<T>> implements Consumer<Future<?>>, Runnable {
    private static final int START = 0;
    private static final int WAITING = 1;

    private Collection<? extends Awaitable<T>> arguments;
    private final ReturnWhen returnWhen;
    private final double timeout;
    private int label = START;
    private Set<Future<T>> fs;
    private Future<Void> waiter;
    private TimerHandle timer;
    private int counter;

    WaitCoroutine(Collection<? extends Awaitable<T>> fs, ReturnWhen returnWhen, double timeout) {
        this.arguments = fs;
        this.returnWhen = returnWhen;
        this.timeout = timeout;
    }

    @Override
    protected Object resume(Object value, Throwable error) throws Throwable {
        if (label == START) {
            if (error != null) {
                throw error;
            }
            label = WAITING;
            return start();
        }
        if (timer != null) {
            timer.cancel();
        }
        for (Future<T> f : fs) {
            f.removeDoneCallback(this);
        }
        if (error != null) {
            throw error;
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : fs) {
            (f.done() ? done : pending).add(f);
        }
        return complete(new Done<>(done, pending));
    }

    private Future<Void> start() {
        Collection<? extends Awaitable<T>> given = arguments;
        arguments = null;
        if (given.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        EventLoop loop = Asyncio.getRunningLoop();
        fs = new LinkedHashSet<>();
        for (Awaitable<T> aw : new ArrayList<>(given)) {
            if (!(aw instanceof Future<T> future)) {
                throw new IllegalArgumentException(
                        aw == null ? "null in the futures to wait for"
                                : "Passing coroutines is forbidden, use tasks explicitly.");
            }
            fs.add(loop.ensureFuture(future));
        }
        waiter = loop.createFuture();
        if (Double.isFinite(timeout)) {
            timer = loop.callLater(timeout, this);
        }
        counter = fs.size();
        for (Future<T> f : fs) {
            f.addDoneCallback(this);
        }
        return waiter;
    }

    /** A future is done: maybe release the waiter. */
    @Override
    public void accept(Future<?> f) {
        counter--;
        if (counter <= 0
                || returnWhen == ReturnWhen.FIRST_COMPLETED
                || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null)) {
            if (timer != null) {
                timer.cancel();
            }
            run();
        }
    }

    /** The timeout: release the waiter. */
    @Override
    public void run() {
        if (!waiter.done()) {
            waiter.setResult(null);
        }
    }

    @Override
    public String toString() {
        return "<coroutine wait(" + returnWhen + ")>";
    }
}
