package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.internal.Throwables;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link Asyncio#asCompleted(Collection, double)}: asyncio 3.11's {@code as_completed}. The
 * futures' done callbacks put each finished future on a queue (asyncio uses an
 * {@code asyncio.Queue}; this is the same FIFO queue with FIFO-woken getters, inlined); the
 * timer, if it fires first, takes the callbacks off and queues one "timed out" marker per
 * future left. Each of the returned coroutines takes the next entry, waiting if there is none,
 * and gives that future's outcome, or throws {@link TimeoutError} for a marker.
 */
final class AsCompleted<T> implements Consumer<Future<T>>, Runnable {
    private static final Object TIMED_OUT = new Object();

    private final EventLoop loop;
    private final Set<Future<T>> todo;
    private final ArrayDeque<Object> finished = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private TimerHandle timer;
    /** How many futures are watched: how many entries will come. */
    private final int size;

    private AsCompleted(EventLoop loop, Set<Future<T>> todo) {
        this.loop = loop;
        this.todo = todo;
        this.size = todo.size();
    }

    static <T> List<Coroutine<T>> start(Collection<? extends Awaitable<T>> fs, double timeout) {
        AsCompleted<T> state = begin(fs, timeout);
        int n = state.size;
        List<Coroutine<T>> next = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            next.add(state.next());
        }
        return Collections.unmodifiableList(next);
    }

    /** asyncio 3.13's form: the futures themselves (tasks for coroutines), as they complete. */
    static <T> AsyncIterator<Future<T>> iterate(Collection<? extends Awaitable<T>> fs, double timeout) {
        return begin(fs, timeout).new Iteration();
    }

    /** Watches {@code fs} from now on: their done callbacks, and the timer. */
    private static <T> AsCompleted<T> begin(Collection<? extends Awaitable<T>> fs, double timeout) {
        Set<Awaitable<T>> distinct = new LinkedHashSet<>(fs);
        EventLoop loop = EventLoop.running();
        if (loop == null) {
            for (Awaitable<T> aw : distinct) {
                if (aw instanceof Future<T> future) {
                    loop = future.getLoop();
                    break;
                }
            }
            if (loop == null) {
                loop = Asyncio.getRunningLoop(); // throws: a coroutine needs a running loop
            }
        }
        for (Awaitable<T> aw : distinct) {
            if (aw instanceof Future<T> future && future.getLoop() != loop) {
                throw new IllegalArgumentException(
                        "The future belongs to a different loop than the one specified as the loop argument");
            }
        }
        Set<Future<T>> todo = new LinkedHashSet<>();
        for (Awaitable<T> aw : distinct) {
            todo.add(loop.ensureFuture(aw));
        }
        AsCompleted<T> state = new AsCompleted<>(loop, todo);
        for (Future<T> f : todo) {
            f.addDoneCallback(state);
        }
        if (state.size > 0 && Double.isFinite(timeout)) {
            state.timer = loop.callLater(timeout, state);
        }
        return state;
    }

    /** A future is done: queue it. */
    @Override
    public void accept(Future<T> f) {
        if (todo.isEmpty()) {
            return; // the timeout came first
        }
        todo.remove(f);
        put(f);
        if (todo.isEmpty() && timer != null) {
            timer.cancel();
        }
    }

    /** The timeout: one marker for each future not done yet. */
    @Override
    public void run() {
        for (Future<T> f : todo) {
            f.removeDoneCallback(this);
            put(TIMED_OUT);
        }
        todo.clear();
    }

    private void put(Object entry) {
        finished.addLast(entry);
        wakeUpNextGetter();
    }

    private void wakeUpNextGetter() {
        while (!getters.isEmpty()) {
            Future<Void> getter = getters.pollFirst();
            if (!getter.done()) {
                getter.setResult(null);
                return;
            }
        }
    }

    /** asyncio's {@code _wait_for_one}: {@code f = await done.get(); return f.result()}. */
    @Async
    private Coroutine<T> next() {
        Object entry = await(nextEntry());
        if (entry == TIMED_OUT) {
            throw new TimeoutError();
        }
        @SuppressWarnings("unchecked")
        Future<T> f = (Future<T>) entry;
        return result(f.result());
    }

    /** The next finished future, or the timed-out marker, waiting for it if none is queued. */
    @Async
    private Coroutine<Object> nextEntry() {
        while (finished.isEmpty()) {
            Future<Void> getter = loop.createFuture();
            getters.addLast(getter);
            try {
                await(getter);
            } catch (Throwable error) {
                // Interrupted while waiting: a future queued for this getter goes to the next one.
                getter.cancel();
                getters.remove(getter);
                if (!finished.isEmpty() && !getter.cancelled()) {
                    wakeUpNextGetter();
                }
                throw Throwables.sneakyThrow(error);
            }
        }
        return result(finished.pollFirst());
    }

    /** {@link #iterate}: each {@code hasNext()} takes the next finished future. */
    private final class Iteration implements AsyncIterator<Future<T>> {
        private int left = size;
        private Future<T> ready;

        @Async
        @Override
        public Coroutine<Boolean> hasNext() {
            if (ready == null && left > 0) {
                Object entry = await(nextEntry());
                left--;
                if (entry == TIMED_OUT) {
                    left = 0; // asyncio's iterator ends at its timeout
                    throw new TimeoutError();
                }
                @SuppressWarnings("unchecked")
                Future<T> f = (Future<T>) entry;
                ready = f;
            }
            return result(ready != null);
        }

        @Override
        public Future<T> next() {
            Future<T> next = ready;
            if (next == null) {
                throw new java.util.NoSuchElementException("next() without a hasNext() that completed with true");
            }
            ready = null;
            return next;
        }
    }
}
