package io.jasyncio;

import io.jasyncio.internal.CoroutineFrame;

/**
 * A mutual-exclusion lock for tasks: asyncio's {@code Lock}. At most one task holds it; the
 * others wait in {@link #acquire()}, without blocking the thread, and get it in the order they
 * started waiting.
 *
 * <pre>{@code
 * private final Lock lock = new Lock();
 *
 * @Async
 * Coroutine<Void> update() {
 *     await(lock.acquire());
 *     try {
 *         // ... at most one task at a time in here, awaits included ...
 *     } finally {
 *         lock.release();
 *     }
 *     return result();
 * }
 * }</pre>
 *
 * <p>Fairness is strict FIFO: a task that calls {@code acquire()} after a {@link #release()}
 * but before the woken waiter has run still queues behind that waiter. A waiter that is
 * cancelled after being woken passes the wake-up on to the next waiter, so a cancel never
 * leaves the lock free with tasks waiting for it.
 *
 * <p>Not thread-safe: use it from the tasks and callbacks of one loop. The lock binds to the
 * running loop the first time a task has to wait for it; waiting on it from another loop then
 * throws {@link IllegalStateException} ("... is bound to a different event loop").
 *
 * <p>Implementation note: {@link #acquire()} returns a hand-written coroutine frame that
 * follows CPython 3.11's {@code Lock.acquire} line by line: the fast path (free and no live
 * waiter) takes the lock without suspending; otherwise it appends a waiter future to a
 * {@link WaiterQueue}, awaits it, removes it, and on a CancelledError wakes the first waiter if
 * the lock is free. {@link #release()} completes only the <em>first</em> waiter's future, and
 * only if it is not done: a done first waiter is already on its way to take the lock or to
 * pass the wake-up on.
 *
 * <p>The frame stays hand-written: the same algorithm as an {@code @Async} method measured
 * slower under contention in a same-run comparison, allocating the same
 * ({@code ToolboxBenchmark.lock} in {@code benchmarks/results/ab32fdf/self-hosting-*.json};
 * the figures are in docs/PERFORMANCE.md).
 */
public final class Lock {
    private final WaiterQueue waiters = new WaiterQueue(this);
    private boolean locked;

    /** A new, unlocked lock. */
    public Lock() {}

    /**
     * A coroutine that acquires the lock: at once if it is free and nobody is waiting for it,
     * otherwise when every task that started waiting earlier has had it. Its value is always
     * true. If the waiting task is cancelled, the CancelledError comes out of the await and the
     * lock is not held.
     *
     * @throws IllegalStateException (from the await) if the lock is bound to another loop
     */
    public Awaitable<Boolean> acquire() {
        return new Acquire();
    }

    /**
     * Releases the lock and wakes the task that has waited longest, if any. Any task or
     * callback may release it, not only the one that acquired it.
     *
     * @throws IllegalStateException "Lock is not acquired." if the lock is not held
     */
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        locked = false;
        wakeUpFirst();
    }

    /** True if some task holds the lock. */
    public boolean locked() {
        return locked;
    }

    @Override
    public String toString() {
        return "<Lock [" + (locked ? "locked" : "unlocked") + waiters.describe() + "]>";
    }

    /** Wakes the first waiter unless it is done (then it will take the lock or pass it on). */
    private void wakeUpFirst() {
        Future<Boolean> first = waiters.first();
        if (first != null && !first.done()) {
            first.setResult(Boolean.TRUE);
        }
    }

    /** {@code Lock.acquire()} as a frame. */
    private final class Acquire extends CoroutineFrame<Boolean> {
        private Future<Boolean> waiter;

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (waiter == null) {
                if (error != null) {
                    throw error;
                }
                if (!locked && waiters.allCancelled()) {
                    locked = true;
                    return complete(Boolean.TRUE);
                }
                waiter = waiters.add();
                return waiter;
            }
            waiters.remove(waiter);
            if (error != null) {
                if (error instanceof CancelledError && !locked) {
                    wakeUpFirst();
                }
                throw error;
            }
            locked = true;
            return complete(Boolean.TRUE);
        }

        @Override
        public String toString() {
            return "<coroutine Lock.acquire>";
        }
    }
}
