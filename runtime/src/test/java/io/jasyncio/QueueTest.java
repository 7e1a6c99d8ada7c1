package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Queue, LifoQueue and PriorityQueue driven directly: the non-waiting operations, the storage
 * orders, loop binding and laziness (CPython's test_queues where it needs no coroutine body;
 * the waiting scenarios are ported as {@code @Async} code in the integration tests).
 */
class QueueTest extends LoopTestBase {

    static Stream<IntFunction<Queue<Integer>>> kinds() {
        return Stream.of(Queue::new, LifoQueue::new, PriorityQueue::new);
    }

    /** Runs {@code awaitable} on {@code on}; a regression that waits forever fails instead of hanging. */
    private static <T> T run(EventLoop on, Awaitable<T> awaitable) {
        TimerHandle guard = on.callLater(1e6, on::stop);
        try {
            return on.runUntilComplete(awaitable);
        } finally {
            guard.cancel();
        }
    }

    // ---- QueueBasicTests / QueueGetTests / QueuePutTests, the synchronous ones -----------------

    @Test
    void emptyAndFull() {
        Queue<Integer> q = new Queue<>();
        assertTrue(q.empty());
        assertFalse(q.full());
        q.putNowait(1);
        assertFalse(q.empty());
        assertFalse(q.full());
        assertEquals(1, q.getNowait());
        assertTrue(q.empty());

        Queue<Integer> one = new Queue<>(1);
        assertEquals(1, one.maxsize());
        one.putNowait(1);
        assertTrue(one.full());
        assertEquals(1, one.qsize());
    }

    @Test
    void maxsizeZeroOrLessIsUnbounded() {
        for (int maxsize : new int[] {0, -1, Integer.MIN_VALUE}) {
            Queue<Integer> q = new Queue<>(maxsize);
            for (int i = 0; i < 1000; i++) {
                q.putNowait(i);
            }
            assertFalse(q.full());
            assertEquals(1000, q.qsize());
            assertEquals(maxsize, q.maxsize());
        }
    }

    @Test
    void nonblockingPutAndGet() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertEquals(1, q.getNowait());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void getNowaitOnAnEmptyQueueThrowsQueueEmpty(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(0);
        assertThrows(QueueEmpty.class, q::getNowait);
        q.putNowait(1);
        q.getNowait();
        assertThrows(QueueEmpty.class, q::getNowait);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void putNowaitOnAFullQueueThrowsQueueFullAndStoresNothing(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(1);
        q.putNowait(1);
        assertThrows(QueueFull.class, () -> q.putNowait(2));
        assertEquals(1, q.qsize());
        assertEquals("<" + q.getClass().getSimpleName() + " maxsize=1 items=[1] tasks=1>", q.toString());
        q.taskDone();
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Test
    void queueFullAndQueueEmptyAreUnchecked() {
        assertTrue(RuntimeException.class.isAssignableFrom(QueueFull.class));
        assertTrue(RuntimeException.class.isAssignableFrom(QueueEmpty.class));
    }

    // ---- order ----------------------------------------------------------------------------------

    private static List<Integer> drain(Queue<Integer> q) {
        List<Integer> items = new ArrayList<>();
        while (!q.empty()) {
            items.add(q.getNowait());
        }
        return items;
    }

    @Test
    void queueIsFifoLifoQueueIsAStackPriorityQueueIsAMinHeap() {
        Queue<Integer> fifo = new Queue<>();
        LifoQueue<Integer> lifo = new LifoQueue<>();
        PriorityQueue<Integer> priority = new PriorityQueue<>();
        for (int i : new int[] {1, 3, 2}) {
            fifo.putNowait(i);
            lifo.putNowait(i);
            priority.putNowait(i);
        }
        assertEquals(List.of(1, 3, 2), drain(fifo));
        assertEquals(List.of(2, 3, 1), drain(lifo));
        assertEquals(List.of(1, 2, 3), drain(priority));
    }

    @Test
    void priorityQueueWithAComparator() {
        PriorityQueue<Integer> q = new PriorityQueue<>(Comparator.reverseOrder());
        for (int i : new int[] {1, 3, 2, 5, 4}) {
            q.putNowait(i);
        }
        assertEquals(List.of(5, 4, 3, 2, 1), drain(q));
    }

    @Test
    void priorityQueueTiesComeOutInTheOrderTheyWerePut() {
        // heapq would compare the items themselves; here equal priorities are FIFO.
        record Job(int priority, String name) {}
        PriorityQueue<Job> q = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
        String[] names = {"a", "b", "c", "d", "e", "f", "g", "h"};
        for (int i = 0; i < names.length; i++) {
            q.putNowait(new Job(i % 2, names[i]));
        }
        List<String> out = new ArrayList<>();
        while (!q.empty()) {
            out.add(q.getNowait().name());
        }
        assertEquals(List.of("a", "c", "e", "g", "b", "d", "f", "h"), out);
    }

    @Test
    void priorityQueueMaxsizeBackPressure() {
        PriorityQueue<Integer> q = new PriorityQueue<>(2, null);
        q.putNowait(5);
        q.putNowait(1);
        assertTrue(q.full());
        assertThrows(QueueFull.class, () -> q.putNowait(0));
        assertEquals(1, q.getNowait());
        q.putNowait(0);
        assertEquals(List.of(0, 5), drain(q));
    }

    @Test
    void priorityQueueOfItemsThatAreNotComparableFailsThePutThatCompares() {
        PriorityQueue<Object> q = new PriorityQueue<>();
        q.putNowait(new Object());   // like heapq: a single item is never compared
        assertThrows(ClassCastException.class, () -> q.putNowait(new Object()));
        assertEquals(1, q.qsize());
    }

    @Test
    void nullItemsAreAllowed() {
        Queue<String> fifo = new Queue<>();
        fifo.putNowait(null);
        fifo.putNowait("x");
        assertEquals("<Queue maxsize=0 items=[null, x] tasks=2>", fifo.toString());
        assertNull(fifo.getNowait());
        assertEquals("x", fifo.getNowait());

        LifoQueue<String> lifo = new LifoQueue<>();
        lifo.putNowait("x");
        lifo.putNowait(null);
        assertNull(lifo.getNowait());
        assertEquals("x", lifo.getNowait());

        PriorityQueue<String> priority = new PriorityQueue<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        priority.putNowait("x");
        priority.putNowait(null);
        assertNull(priority.getNowait());
        assertEquals("x", priority.getNowait());
    }

    // ---- taskDone / join --------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("kinds")
    void taskDoneUnderflow(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertEquals("task_done() called too many times", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void taskDoneCountsEveryPutNotEveryGet(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(0);
        q.putNowait(1);
        q.putNowait(2);
        q.getNowait();
        q.getNowait();
        q.taskDone();
        q.taskDone();
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void joinOfAFreshQueueReturnsWithoutSuspending(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(0);
        Task<Void> join = loop.createTask(q.join());
        run(loop, join);
        assertTrue(join.done());
        run(loop, q.join());
        assertNoErrors();
    }

    @Test
    void joinWaitsForTheLastTaskDoneAndWakesEveryJoiner() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        q.putNowait(2);
        Task<Void> j1 = loop.createTask(q.join());
        Task<Void> j2 = loop.createTask(q.join());
        runUntilIdle();
        assertFalse(j1.done());
        q.getNowait();
        q.taskDone();
        runUntilIdle();
        assertFalse(j1.done());
        assertFalse(j2.done());
        q.getNowait();
        q.taskDone();
        runUntilIdle();
        assertTrue(j1.done());
        assertTrue(j2.done());
        assertEquals("<Queue maxsize=0>", q.toString());
        assertNoErrors();
    }

    @Test
    void aCancelledJoinerLeavesNothingBehind() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        Task<Void> joiner = loop.createTask(q.join());
        runUntilIdle();
        joiner.cancel();
        runUntilIdle();
        assertTrue(joiner.cancelled());
        q.getNowait();
        q.taskDone();
        run(loop, q.join());
        assertNoErrors();
    }

    // ---- coroutines, laziness, loop binding ---------------------------------------------------

    @Test
    void putAndGetAreCoroutinesThatStartWhenAwaited() {
        Queue<Integer> q = new Queue<>();
        Coroutine<Void> put = q.put(1);
        assertTrue(q.empty());
        Coroutine<Integer> get = q.get();
        run(loop, put);
        assertEquals(1, q.qsize());
        assertEquals(1, run(loop, get));
        assertThrows(IllegalStateException.class, () -> run(loop, get));
    }

    @Test
    void aTaskCancelledBeforeItStartsNeverTouchesTheQueue() {
        Queue<Integer> q = new Queue<>(1);
        Task<Void> put = loop.createTask(q.put(1));
        put.cancel();
        runUntilIdle();
        assertTrue(put.cancelled());
        assertTrue(q.empty());
    }

    @Test
    void aQueueIsBoundToTheFirstLoopItWaitsOn() {
        Queue<Integer> q = new Queue<>();
        Task<Integer> first = loop.createTask(q.get());
        runUntilIdle();
        assertEquals("<Queue maxsize=0 getters[1]>", q.toString());
        q.putNowait(7);
        assertEquals(7, run(loop, first));

        // Without waiting, another loop may use it (asyncio binds only when a future is needed).
        EventLoop other = EventLoop.newVirtualTimeLoop();
        try {
            q.putNowait(8);
            assertEquals(8, run(other, q.get()));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(other, q.get()));
            assertEquals("<Queue maxsize=0 tasks=2> is bound to a different event loop", e.getMessage());
            q.putNowait(9);
            assertThrows(IllegalStateException.class, () -> run(other, q.join()));
        } finally {
            other.close();
        }
        assertNoErrors();
    }
}
