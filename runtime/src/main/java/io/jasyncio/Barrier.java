package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import java.util.function.BooleanSupplier;

/**
 * A meeting point for a fixed number of tasks: asyncio's {@code Barrier}. Each task calls
 * {@link #arriveAndWait()}; they all wait until {@link #parties()} of them have arrived, then
 * all go on together. The barrier is cyclic: once they have all left, it fills again.
 *
 * <pre>{@code
 * Barrier ready = new Barrier(3);
 *
 * @Async
 * Coroutine<Void> worker() {
 *     // ... prepare ...
 *     int index = await(ready.arriveAndWait());   // 0, 1 or 2: the arrival order
 *     if (index == 2) {
 *         // exactly one task (the last to arrive) gets here
 *     }
 *     return result();
 * }
 * }</pre>
 *
 * <p>States, as asyncio's: <em>filling</em> (tasks arrive and wait), <em>draining</em> (the last
 * party has arrived and the waiters are leaving; newcomers wait until all have left),
 * <em>resetting</em> (after {@link #reset()}: waiters leave with {@link BrokenBarrierError},
 * newcomers wait until they have) and <em>broken</em> (after {@link #abort()}: every waiter,
 * current or future, gets {@link BrokenBarrierError} until a {@link #reset()}).
 *
 * <p>Not thread-safe: use it from the tasks of one loop. It binds to the running loop the first
 * time a task has to wait at it.
 *
 * <p>Implementation note: CPython 3.11's {@code Barrier}, built the same way on a
 * {@link Condition}: every operation holds the condition's lock, waiters use
 * {@link Condition#waitFor}, and every state change is {@link Condition#signalAll()}. Its
 * coroutines are {@code @Async} methods awaiting the condition's. {@code reset()} and
 * {@code abort()} are coroutines, as in asyncio, because they take the condition's lock (FIFO
 * behind tasks already woken); nothing happens until they are awaited or wrapped in a task.
 */
public final class Barrier {
    private enum State {
        FILLING("filling"), DRAINING("draining"), RESETTING("resetting"), BROKEN("broken");

        final String text;

        State(String text) {
            this.text = text;
        }
    }

    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    /** Tasks inside {@code arriveAndWait()} past the blocking stage. */
    private int count;
    private final BooleanSupplier mayEnter = () -> state != State.DRAINING && state != State.RESETTING;
    private final BooleanSupplier filled = () -> state != State.FILLING;

    /**
     * A barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException "parties must be > 0" if parties is below 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0");
        }
        this.parties = parties;
    }

    /**
     * A coroutine that arrives at the barrier and waits until {@link #parties()} tasks have
     * arrived. Its value is the arrival index, from 0 to {@code parties() - 1}; the last task to
     * arrive gets {@code parties() - 1} and releases the others without suspending. If the
     * barrier is draining or resetting, it first waits for that to end. asyncio's
     * {@code Barrier.wait()}.
     *
     * @throws BrokenBarrierError (from the await) "Barrier aborted" if the barrier is broken on
     *     arrival, "Abort or reset of barrier" if it is aborted or reset during the wait
     */
    public Awaitable<Integer> arriveAndWait() {
        return arrive();
    }

    /**
     * A coroutine that returns the barrier to the filling state: tasks waiting at it get
     * {@link BrokenBarrierError}; it is empty and filling again once they have all left. Also
     * repairs a broken barrier.
     */
    public Awaitable<Void> reset() {
        return resetLocked();
    }

    /**
     * A coroutine that breaks the barrier: tasks waiting at it, and any that arrive until the
     * next {@link #reset()}, get {@link BrokenBarrierError}.
     */
    public Awaitable<Void> abort() {
        return abortLocked();
    }

    /** The number of tasks that must arrive to pass the barrier. */
    public int parties() {
        return parties;
    }

    /** The number of tasks waiting at the barrier while it fills; 0 in any other state. */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /** True if the barrier is broken ({@link #abort()} and no {@link #reset()} since). */
    public boolean broken() {
        return state == State.BROKEN;
    }

    @Override
    public String toString() {
        String extra = state.text;
        if (state != State.BROKEN) {
            extra += ", waiters:" + nWaiting() + "/" + parties;
        }
        return "<Barrier [" + extra + "]>";
    }

    /** The last task to leave ends draining or resetting and lets blocked newcomers in. */
    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.signalAll();
        }
    }

    /**
     * asyncio's {@code Barrier.wait()}: under the condition's lock, wait until the barrier
     * takes arrivals, count in, then either release the others (the last to arrive) or wait
     * for them; count out however the wait ends.
     */
    @Async
    private Coroutine<Integer> arrive() {
        await(cond.acquire());
        try {
            await(cond.waitFor(mayEnter));
            if (state == State.BROKEN) {
                throw new BrokenBarrierError("Barrier aborted");
            }
            int index = count++;
            try {
                if (index + 1 == parties) {
                    state = State.DRAINING;
                    cond.signalAll();
                } else {
                    await(cond.waitFor(filled));
                    if (state == State.BROKEN || state == State.RESETTING) {
                        throw new BrokenBarrierError("Abort or reset of barrier");
                    }
                }
            } finally {
                count--;
                exit();
            }
            return result(index);
        } finally {
            cond.release();
        }
    }

    /** asyncio's {@code Barrier.reset()}: under the lock, back to filling once the waiters have left. */
    @Async
    private Coroutine<Void> resetLocked() {
        await(cond.acquire());
        try {
            state = count > 0 ? State.RESETTING : State.FILLING;
            cond.signalAll();
        } finally {
            cond.release();
        }
        return result();
    }

    /** asyncio's {@code Barrier.abort()}: under the lock, broken until the next reset. */
    @Async
    private Coroutine<Void> abortLocked() {
        await(cond.acquire());
        try {
            state = State.BROKEN;
            cond.signalAll();
        } finally {
            cond.release();
        }
        return result();
    }
}
