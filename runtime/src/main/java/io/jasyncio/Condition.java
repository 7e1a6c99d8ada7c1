package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.internal.Throwables;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks: asyncio's {@code Condition}. A task holding the condition's
 * {@link Lock} waits with {@link #waitNotified()}, which releases the lock, suspends until
 * another task {@linkplain #signal() signals}, and re-acquires the lock before it returns.
 *
 * <pre>{@code
 * private final Condition changed = new Condition();
 * private final Deque<Item> items = new ArrayDeque<>();
 *
 * @Async
 * Coroutine<Item> take() {
 *     await(changed.acquire());
 *     try {
 *         await(changed.waitFor(() -> !items.isEmpty()));
 *         return result(items.removeFirst());
 *     } finally {
 *         changed.release();
 *     }
 * }
 *
 * @Async
 * Coroutine<Void> put(Item item) {
 *     await(changed.acquire());
 *     try {
 *         items.addLast(item);
 *         changed.signal();
 *     } finally {
 *         changed.release();
 *     }
 *     return result();
 * }
 * }</pre>
 *
 * <p>{@link #acquire()}, {@link #release()} and {@link #locked()} are the lock's (the one given
 * to the constructor, or a new one). Signalled waiters are woken in the order they started
 * waiting, and then take the lock one at a time, in the lock's FIFO order. asyncio's
 * {@code wait}, {@code notify} and {@code notify_all} are named {@code waitNotified},
 * {@code signal} and {@code signalAll} here because {@code java.lang.Object} owns the others.
 *
 * <p>{@code waitNotified()} always re-acquires the lock before it ends, even when its task is
 * cancelled (before or after the signal, or while re-acquiring): the CancelledError comes out
 * only once the lock is held again, so a {@code finally { release(); }} around it is always
 * right. A waiter that was signalled but ends with an exception instead of returning hands its
 * signal to the next waiter, so a cancel never loses a signal.
 *
 * <p>Not thread-safe: use it from the tasks and callbacks of one loop. It binds to the running
 * loop the first time a task waits on it ({@link IllegalStateException} "... is bound to a
 * different event loop" from another loop).
 *
 * <p>Implementation note: CPython's {@code Condition}, its waits {@code @Async} methods. The wait appends a
 * waiter future to a {@link WaiterQueue} and awaits it, then awaits the lock's own acquire
 * coroutine inline, looping while that is cancelled, as 3.11's {@code finally} block does. Two
 * details follow CPython 3.12+ rather than 3.11.7 (gh-112202): the CancelledError rethrown
 * after a cancel during re-acquisition is the one caught there (so it keeps its message, where
 * 3.11 raises a new, empty one), and a signalled waiter that ends with an exception signals
 * the next waiter (3.11 loses that signal). The hand-over happens only when this waiter was
 * really signalled, so it causes no spurious wake-ups.
 */
public final class Condition {
    private final Lock lock;
    private final WaiterQueue waiters = new WaiterQueue(this);

    /** A condition with its own new {@link Lock}. */
    public Condition() {
        this(null);
    }

    /** A condition over {@code lock} (a new lock if null), which it shares with its other users. */
    public Condition(Lock lock) {
        this.lock = lock != null ? lock : new Lock();
    }

    /** The underlying lock's {@link Lock#acquire()}. */
    public Awaitable<Boolean> acquire() {
        return lock.acquire();
    }

    /**
     * The underlying lock's {@link Lock#release()}.
     *
     * @throws IllegalStateException "Lock is not acquired." if the lock is not held
     */
    public void release() {
        lock.release();
    }

    /** True if the underlying lock is held. */
    public boolean locked() {
        return lock.locked();
    }

    /**
     * A coroutine that releases the lock, waits until {@linkplain #signal() signalled}, then
     * re-acquires the lock and returns true. The calling task must hold the lock, and holds it
     * again when the coroutine ends, however it ends (CancelledError included).
     *
     * @throws IllegalStateException (from the await) "cannot wait on un-acquired lock" if the
     *     lock is not held, or if the condition is bound to another loop
     */
    public Awaitable<Boolean> waitNotified() {
        return waitSignalled();
    }

    /**
     * A coroutine that waits until {@code predicate} is true: it checks it first (returning at
     * once, lock held or not, if it is true), then {@linkplain #waitNotified() waits} and checks
     * again after every signal. Returns true.
     *
     * @throws IllegalStateException (from the await) "cannot wait on un-acquired lock" if it
     *     has to wait and the lock is not held
     */
    public Awaitable<Boolean> waitFor(BooleanSupplier predicate) {
        if (predicate == null) {
            throw new NullPointerException("predicate");
        }
        return waitUntil(predicate);
    }

    /** {@link #signal(int) signal(1)}. */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks, oldest first (asyncio's {@code notify(n)}). Each
     * still has to re-acquire the lock, so none runs before the caller releases it.
     *
     * @throws IllegalStateException "cannot notify on un-acquired lock" if the lock is not held
     */
    public void signal(int n) {
        if (!lock.locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        waiters.wake(n, Boolean.FALSE);
    }

    /**
     * Wakes every waiting task (asyncio's {@code notify_all()}).
     *
     * @throws IllegalStateException "cannot notify on un-acquired lock" if the lock is not held
     */
    public void signalAll() {
        signal(waiters.size());
    }

    @Override
    public String toString() {
        return "<Condition [" + (lock.locked() ? "locked" : "unlocked") + waiters.describe() + "]>";
    }

    /**
     * asyncio's {@code Condition.wait()}: release the lock, wait for a signal, then take the lock
     * back however the wait ended, a cancellation included (one that comes while re-acquiring
     * only delays it), before letting out what ended it.
     */
    @Async
    private Coroutine<Boolean> waitSignalled() {
        if (!lock.locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        lock.release();
        Future<Boolean> waiter = null;
        Throwable waitFailure = null;
        try {
            waiter = waiters.add();
            try {
                await(waiter);
            } finally {
                waiters.remove(waiter);
            }
        } catch (Throwable failure) {
            waitFailure = failure; // let out once the lock is held again
        }
        CancelledError reacquireCancel = null;
        while (true) {
            try {
                await(lock.acquire());
                break;
            } catch (CancelledError cancel) {
                reacquireCancel = cancel;
            } catch (Throwable failure) {
                throw handOver(waiter, failure);
            }
        }
        if (reacquireCancel != null) {
            throw handOver(waiter, reacquireCancel);
        }
        if (waitFailure != null) {
            throw handOver(waiter, waitFailure);
        }
        return result(Boolean.TRUE);
    }

    /** Ending with {@code error}: a signal this waiter received goes to the next one. */
    private RuntimeException handOver(Future<Boolean> waiter, Throwable error) {
        if (waiter != null && waiter.done() && !waiter.cancelled()) {
            waiters.wake(1, Boolean.FALSE);
        }
        return Throwables.sneakyThrow(error);
    }

    /** asyncio's {@code Condition.wait_for(predicate)}: check, wait, check again. */
    @Async
    private Coroutine<Boolean> waitUntil(BooleanSupplier predicate) {
        while (!predicate.getAsBoolean()) {
            await(waitSignalled());
        }
        return result(Boolean.TRUE);
    }
}
