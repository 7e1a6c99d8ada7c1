package io.jasyncio;

import java.util.ArrayDeque;

/**
 * The FIFO queue of waiter futures that every synchronization primitive keeps (asyncio's
 * {@code _waiters} deque), together with the primitive's loop binding (asyncio's
 * {@code _LoopBoundMixin}). Package-private plumbing for {@link Lock}, {@link Event},
 * {@link Condition} and {@link Semaphore}.
 *
 * <p>A waiter is a plain {@link Future} on the primitive's loop: a task that must wait appends
 * one with {@link #add()} and awaits it; waking it means {@code setResult}, after which the
 * task resumes one loop callback later. Whoever added a waiter removes it with
 * {@link #remove(Future)} once its await is over, however it ended, so the queue holds exactly
 * the tasks still inside their wait (woken-but-not-yet-running ones included).
 */
final class WaiterQueue {
    /** The primitive, for the "bound to a different event loop" message. */
    private final Object owner;
    private EventLoop loop;
    /** Allocated on first contention: an uncontended primitive never needs it. */
    private ArrayDeque<Future<Boolean>> waiters;

    WaiterQueue(Object owner) {
        this.owner = owner;
    }

    /**
     * A new waiter on the running loop, appended at the back. The first call binds the
     * primitive to the running loop; later calls from another loop fail.
     *
     * @throws IllegalStateException "... is bound to a different event loop", or
     *     "no running event loop"
     */
    Future<Boolean> add() {
        EventLoop running = boundLoop();
        Future<Boolean> waiter = running.createFuture();
        if (waiters == null) {
            waiters = new ArrayDeque<>();
        }
        waiters.addLast(waiter);
        return waiter;
    }

    /** asyncio's {@code _get_loop()}: binds on first use, then insists on the same loop. */
    EventLoop boundLoop() {
        EventLoop running = EventLoop.running();
        if (running == null) {
            throw new IllegalStateException("no running event loop");
        }
        if (loop == null) {
            loop = running;
        } else if (loop != running) {
            throw new IllegalStateException(owner + " is bound to a different event loop");
        }
        return running;
    }

    /** Takes {@code waiter} out of the queue (by identity). */
    void remove(Future<Boolean> waiter) {
        waiters.removeFirstOccurrence(waiter);
    }

    int size() {
        return waiters == null ? 0 : waiters.size();
    }

    boolean isEmpty() {
        return waiters == null || waiters.isEmpty();
    }

    /** The oldest waiter, done or not, or null. */
    Future<Boolean> first() {
        return waiters == null ? null : waiters.peekFirst();
    }

    /** True if there are no waiters or every one of them is cancelled. */
    boolean allCancelled() {
        if (waiters != null && !waiters.isEmpty()) {
            if (!waiters.peekFirst().cancelled()) {
                return false; // the usual answer under contention, found without an iterator
            }
            for (Future<Boolean> waiter : waiters) {
                if (!waiter.cancelled()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Wakes up to {@code n} waiters that are not done yet, oldest first, with {@code value}.
     * Done waiters (already woken, or cancelled) are skipped: each of them will run and either
     * use its wake-up or pass it on.
     *
     * @return how many were woken
     */
    int wake(int n, Boolean value) {
        int woken = 0;
        if (waiters != null) {
            for (Future<Boolean> waiter : waiters) {
                if (woken >= n) {
                    break;
                }
                if (!waiter.done()) {
                    waiter.setResult(value);
                    woken++;
                }
            }
        }
        return woken;
    }

    /** {@code ", waiters:N"} when there are waiters, for the primitives' {@code toString}. */
    String describe() {
        int size = size();
        return size == 0 ? "" : ", waiters:" + size;
    }
}
