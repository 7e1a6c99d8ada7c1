package io.jasyncio.it.iteration;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.AsyncIterator;
import io.jasyncio.Coroutine;
import io.jasyncio.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Consumers and producers of asynchronous iterators, as users write them. */
public final class Iteration {
    private Iteration() {}

    /** Every element of {@code elements}, in order, each shown to {@code onEach} as it is taken. */
    @Async
    public static <T> Coroutine<List<T>> collect(AsyncIterator<T> elements, Consumer<T> onEach) {
        List<T> all = new ArrayList<>();
        while (await(elements.hasNext())) {
            T element = elements.next();
            onEach.accept(element);
            all.add(element);
        }
        return result(all);
    }

    @Async
    public static <T> Coroutine<List<T>> collect(AsyncIterator<T> elements) {
        return result(await(collect(elements, element -> { })));
    }

    /** Puts {@code count} numbers into {@code queue}, then shuts it down. */
    @Async
    public static Coroutine<Void> produce(Queue<Integer> queue, int count, boolean immediate) {
        for (int i = 0; i < count; i++) {
            await(queue.put(i));
        }
        queue.shutdown(immediate);
        return result();
    }

    /**
     * The numbers 0 to {@code count - 1}, each {@code hasNext()} giving up the thread once
     * (as a real source would wait), counting how often it was asked.
     */
    public static final class Counting implements AsyncIterator<Integer> {
        private final int count;
        private int next;
        private boolean ready;
        /** How many times {@code hasNext()} has been called. */
        public int asked;

        public Counting(int count) {
            this.count = count;
        }

        @Async
        @Override
        public Coroutine<Boolean> hasNext() {
            asked++;
            await(sleep(0));
            ready = next < count;
            return result(ready);
        }

        @Override
        public Integer next() {
            if (!ready) {
                throw new java.util.NoSuchElementException();
            }
            ready = false;
            return next++;
        }
    }

    /** An iterator whose {@code hasNext()} fails with {@code failure} after {@code count} elements. */
    public static final class Failing implements AsyncIterator<Integer> {
        private final Counting counting;
        private final RuntimeException failure;

        public Failing(int count, RuntimeException failure) {
            this.counting = new Counting(count);
            this.failure = failure;
        }

        @Async
        @Override
        public Coroutine<Boolean> hasNext() {
            if (!await(counting.hasNext())) {
                throw failure;
            }
            return result(true);
        }

        @Override
        public Integer next() {
            return counting.next();
        }
    }
}
