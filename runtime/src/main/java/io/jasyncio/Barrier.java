package io.jasyncio;

import io.jasyncio.internal.CoroutineFrame;
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
 * {@link Condition#waitFor}, and every state change is {@link Condition#signalAll()}. The
 * frames are hand-written and await the condition's coroutines inline. {@code reset()} and
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
        return new Wait();
    }

    /**
     * A coroutine that returns the barrier to the filling state: tasks waiting at it get
     * {@link BrokenBarrierError}; it is empty and filling again once they have all left. Also
     * repairs a broken barrier.
     */
    public Awaitable<Void> reset() {
        return new Locked("reset", () -> {
            if (count > 0) {
                state = State.RESETTING;
            } else {
                state = State.FILLING;
            }
            cond.signalAll();
        });
    }

    /**
     * A coroutine that breaks the barrier: tasks waiting at it, and any that arrive until the
     * next {@link #reset()}, get {@link BrokenBarrierError}.
     */
    public Awaitable<Void> abort() {
        return new Locked("abort", () -> {
            state = State.BROKEN;
            cond.signalAll();
        });
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

    /** {@code Barrier.wait()} as a frame: lock, block, count in, release or wait, count out. */
    private final class Wait extends CoroutineFrame<Integer> {
        private static final int START = 0;
        private static final int LOCKING = 1;
        private static final int BLOCKING = 2;
        private static final int WAITING = 3;

        private int phase = START;
        private int index;

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            switch (phase) {
                case START:
                    if (error != null) {
                        throw error;
                    }
                    phase = LOCKING;
                    return cond.acquire();
                case LOCKING:
                    if (error != null) {
                        throw error;
                    }
                    phase = BLOCKING;
                    return cond.waitFor(mayEnter);
                case BLOCKING:
                    if (error != null) {
                        cond.release();
                        throw error;
                    }
                    if (state == State.BROKEN) {
                        cond.release();
                        throw new BrokenBarrierError("Barrier aborted");
                    }
                    index = count++;
                    if (index + 1 == parties) {
                        state = State.DRAINING;
                        cond.signalAll();
                        leave();
                        return complete(index);
                    }
                    phase = WAITING;
                    return cond.waitFor(filled);
                default:
                    Throwable failure = error;
                    if (failure == null && (state == State.BROKEN || state == State.RESETTING)) {
                        failure = new BrokenBarrierError("Abort or reset of barrier");
                    }
                    leave();
                    if (failure != null) {
                        throw failure;
                    }
                    return complete(index);
            }
        }

        private void leave() {
            count--;
            exit();
            cond.release();
        }

        @Override
        public String toString() {
            return "<coroutine Barrier.wait>";
        }
    }

    /** {@code async with self._cond: action} as a frame, for reset and abort. */
    private final class Locked extends CoroutineFrame<Void> {
        private final String name;
        private final Runnable action;
        private boolean locking;

        Locked(String name, Runnable action) {
            this.name = name;
            this.action = action;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (error != null) {
                throw error;
            }
            if (!locking) {
                locking = true;
                return cond.acquire();
            }
            try {
                action.run();
            } finally {
                cond.release();
            }
            return complete(null);
        }

        @Override
        public String toString() {
            return "<coroutine Barrier." + name + ">";
        }
    }
}
