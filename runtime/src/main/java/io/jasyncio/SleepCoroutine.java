package io.jasyncio;

import io.jasyncio.internal.CoroutineFrame;

/**
 * {@link Asyncio#sleep(double, Object)}: a delay of zero or less yields exactly one loop
 * iteration; a positive one waits on a future that a timer completes. The timer is cancelled
 * however the wait ends, so cancelling a sleeping task leaves no timer behind. The frame is
 * its own timer callback, so a sleep allocates the frame, the future and the timer handle.
 * The label is a byte because a byte fits in the padding after the base frame's fields: with
 * an int the frame would be 56 bytes instead of 48, for every sleeping task.
 *
 * <p>It stays hand-written: as an {@code @Async} method a sleep needs a timer callback of its
 * own besides the frame, which a same-run comparison measured as more memory per sleeping
 * task and per sleep, at the same speed ({@code benchmarks/results/3635d16/sleep-sock-*},
 * the {@code @Async} version in {@code sleep-sock-async.patch}; the figures are in
 * docs/PERFORMANCE.md). A sleep of zero is a bare yield, which no awaitable expresses.
 */
final class SleepCoroutine<T> extends CoroutineFrame<T> implements Runnable {
    private static final byte START = 0;
    private static final byte SLEEPING = 1;
    private static final byte YIELDED = 2;

    private final double delay;
    private final T value;
    private byte label = START;
    private Future<Void> wakeUp;
    private TimerHandle timer;

    SleepCoroutine(double delay, T value) {
        this.delay = delay;
        this.value = value;
    }

    @Override
    protected Object resume(Object ignored, Throwable error) throws Throwable {
        switch (label) {
            case START:
                if (error != null) {
                    throw error;
                }
                if (delay <= 0) {
                    label = YIELDED;
                    return YIELD;
                }
                EventLoop loop = Asyncio.getRunningLoop();
                wakeUp = loop.createFuture();
                timer = loop.callLater(delay, this);
                label = SLEEPING;
                return wakeUp;
            case SLEEPING:
                timer.cancel();
                if (error != null) {
                    throw error;
                }
                return complete(value);
            default:
                if (error != null) {
                    throw error;
                }
                return complete(value);
        }
    }

    /** The timer fired: wake the sleeper, unless its wait was cancelled meanwhile. */
    @Override
    public void run() {
        if (!wakeUp.done()) {
            wakeUp.setResult(null);
        }
    }

    @Override
    public String toString() {
        return "<coroutine sleep(" + delay + ")>";
    }
}
