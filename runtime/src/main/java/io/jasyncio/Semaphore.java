package io.jasyncio;

import io.jasyncio.internal.CoroutineFrame;

/**
 * A counter of permits for tasks: asyncio's {@code Semaphore}. {@link #acquire()} takes a
 * permit, waiting (without blocking the thread) while there is none; {@link #release()} gives
 * one back. Use it to let at most N tasks into a section at once.
 *
 * <pre>{@code
 * private final Semaphore connections = new Semaphore(10);
 *
 * @Async
 * Coroutine<String> fetch(String url) {
 *     await(connections.acquire());
 *     try {
 *         return result(await(download(url)));   // at most 10 downloads at a time
 *     } finally {
 *         connections.release();
 *     }
 * }
 * }</pre>
 *
 * <p>Fairness is strict FIFO: a released permit is handed straight to the task that has
 * waited longest, and a newcomer cannot overtake tasks already waiting even while permits are
 * free (it waits behind them; see {@link #locked()}). A waiter cancelled before it got a permit
 * is skipped; one cancelled after it got a permit gives the permit back to the next waiter, so
 * no permit is ever lost to a cancel. {@code release()} may be called any number of times
 * (each adds a permit); {@link BoundedSemaphore} refuses to go above the initial value.
 *
 * <p>Not thread-safe: use it from the tasks and callbacks of one loop. It binds to the running
 * loop the first time a task has to wait on it ({@link IllegalStateException} "... is bound to
 * a different event loop" from another loop).
 *
 * <p>Implementation note: CPython 3.11's {@code Semaphore} (the version with the FIFO fixes of
 * gh-90155): {@code release()} increments the value and, if a waiter is not done yet,
 * decrements it again and completes that waiter's future (the permit travels with the
 * wake-up). After its wait, {@code acquire()} puts the permit back if it was woken but
 * cancelled, then wakes further waiters while permits remain. The waiters live in a
 * {@link WaiterQueue}. The frame stays hand-written: the same algorithm as an {@code @Async}
 * method measured slower under contention in a same-run comparison, allocating the same
 * ({@code ToolboxBenchmark.semaphore} in {@code benchmarks/results/ab32fdf/self-hosting-*.json};
 * the figures are in docs/PERFORMANCE.md).
 */
public class Semaphore {
    private final WaiterQueue waiters = new WaiterQueue(this);
    private int value;

    /** A semaphore with one permit. */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code value} permits.
     *
     * @throws IllegalArgumentException "Semaphore initial value must be >= 0" if value is negative
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0");
        }
        this.value = value;
    }

    /**
     * True if {@link #acquire()} would have to wait: no permit is free, or some task that is
     * not cancelled is waiting already (FIFO: it goes first).
     */
    public final boolean locked() {
        return value == 0 || !waiters.allCancelled();
    }

    /**
     * The permits neither held nor handed to a woken waiter. It can be above zero while
     * {@link #locked()} is true, for the moment between a waiter being woken and running.
     */
    public final int value() {
        return value;
    }

    /**
     * A coroutine that takes a permit: at once if {@link #locked()} is false, otherwise when
     * every task that started waiting earlier has been served and a permit is released. Its
     * value is always true. If the waiting task is cancelled, the CancelledError comes out of
     * the await and no permit is held.
     *
     * @throws IllegalStateException (from the await) if the semaphore is bound to another loop
     */
    public final Awaitable<Boolean> acquire() {
        return new Acquire();
    }

    /** Gives a permit back, handing it to the task that has waited longest, if any. */
    public void release() {
        value++;
        wakeUpNext();
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " ["
                + (locked() ? "locked" : "unlocked, value:" + value) + waiters.describe() + "]>";
    }

    /** Hands a permit to the first waiter that is not done; false if there is none. */
    private boolean wakeUpNext() {
        if (waiters.wake(1, Boolean.TRUE) == 0) {
            return false;
        }
        value--;
        return true;
    }

    /** {@code Semaphore.acquire()} as a frame. */
    private final class Acquire extends CoroutineFrame<Boolean> {
        private Future<Boolean> waiter;

        @Override
        protected Object resume(Object ignored, Throwable error) throws Throwable {
            if (waiter == null) {
                if (error != null) {
                    throw error;
                }
                if (!locked()) {
                    value--;
                    return complete(Boolean.TRUE);
                }
                waiter = waiters.add();
                return waiter;
            }
            waiters.remove(waiter);
            try {
                if (error != null) {
                    if (error instanceof CancelledError && waiter.done() && !waiter.cancelled()) {
                        // Woken with a permit, but not acquiring after all: give it back.
                        value++;
                    }
                    throw error;
                }
            } finally {
                // Waiters that queued behind this one under the FIFO rule while permits were
                // free: wake as many as there are permits.
                while (value > 0 && wakeUpNext()) {
                    // keep waking
                }
            }
            return complete(Boolean.TRUE);
        }

        @Override
        public String toString() {
            return "<coroutine " + Semaphore.this.getClass().getSimpleName() + ".acquire>";
        }
    }
}
