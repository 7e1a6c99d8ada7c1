package io.jasyncio.it.queues;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Queue;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CPython 3.11's test_asyncio/test_queues.py, ported test by test as {@code @Async} code: each
 * method is the body of the Python test of the same name, with unittest's assertions as
 * {@link Check}s (an {@link AssertionError} fails the task). {@code async with TaskGroup()}
 * becomes awaiting the tasks created; a test that peeks at {@code q._getters} or
 * {@code q._putters} reads the counts from {@code toString()} instead.
 */
public class QueueScenarios {

    // ---- QueueBasicTests ------------------------------------------------------------------------

    /** test_str: the getters and putters waiting, and the items, show in toString. */
    @Async
    public Coroutine<Void> testStr() {
        Queue<Integer> q = new Queue<>();
        Check.isTrue(q.toString().startsWith("<Queue"), q.toString());
        Task<Integer> getter = createTask(q.get());
        await(sleep(0));
        Check.isTrue(q.toString().contains("getters[1]"), q.toString());
        q.putNowait(0);
        Check.equal(0, await(getter));

        Queue<Integer> bounded = new Queue<>(1);
        bounded.putNowait(1);
        Task<Void> putter = createTask(bounded.put(2));
        await(sleep(0));
        Check.isTrue(bounded.toString().contains("putters[1]"), bounded.toString());
        bounded.getNowait();
        await(putter);
        Check.isTrue(putter.done(), "putter done");

        Queue<Integer> one = new Queue<>();
        one.putNowait(1);
        Check.isTrue(one.toString().contains("items=[1]"), one.toString());
        return result();
    }

    @Async
    public Coroutine<Void> testEmpty() {
        Queue<Integer> q = new Queue<>();
        Check.isTrue(q.empty(), "empty at first");
        await(q.put(1));
        Check.isFalse(q.empty(), "empty after a put");
        Check.equal(1, await(q.get()));
        Check.isTrue(q.empty(), "empty after the get");
        return result();
    }

    @Async
    public Coroutine<Void> testFull() {
        Queue<Integer> unbounded = new Queue<>();
        Check.isFalse(unbounded.full(), "unbounded full");
        Queue<Integer> q = new Queue<>(1);
        await(q.put(1));
        Check.isTrue(q.full(), "full");
        return result();
    }

    /** test_order of the three classes: put 1, 3, 2 with {@code put}, then three {@code get}s. */
    @Async
    public Coroutine<List<Integer>> testOrder(Queue<Integer> q) {
        for (int i : new int[] {1, 3, 2}) {
            await(q.put(i));
        }
        List<Integer> items = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            items.add(await(q.get()));
        }
        return result(items);
    }

    /** test_maxsize: with maxsize 2 the putter blocks after two items. */
    @Async
    public Coroutine<Void> testMaxsize() {
        Queue<Integer> q = new Queue<>(2);
        Check.equal(2, q.maxsize());
        List<Integer> haveBeenPut = new ArrayList<>();
        Task<Boolean> t = createTask(putThree(q, haveBeenPut));
        for (int i = 0; i < 2; i++) {
            await(sleep(0));
        }
        // The putter is blocked after putting two items.
        Check.equal(List.of(0, 1), haveBeenPut);
        Check.equal(0, await(q.get()));
        // Let the putter resume and put last item.
        await(sleep(0));
        Check.equal(List.of(0, 1, 2), haveBeenPut);
        Check.equal(1, await(q.get()));
        Check.equal(2, await(q.get()));
        Check.isTrue(t.done(), "putter done");
        Check.isTrue(t.result(), "putter result");
        return result();
    }

    @Async
    private Coroutine<Boolean> putThree(Queue<Integer> q, List<Integer> haveBeenPut) {
        for (int i = 0; i < 3; i++) {
            await(q.put(i));
            haveBeenPut.add(i);
        }
        return result(true);
    }

    // ---- QueueGetTests --------------------------------------------------------------------------

    @Async
    public Coroutine<Void> testBlockingGet() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        Check.equal(1, await(q.get()));
        return result();
    }

    /**
     * test_get_with_putters: a get wakes the waiting putter. (The Python test appends a bare
     * future to {@code q._putters}; here a real task waits to put.)
     */
    @Async
    public Coroutine<Void> testGetWithPutters() {
        Queue<Integer> q = new Queue<>(1);
        await(q.put(1));
        Task<Void> putter = createTask(q.put(2));
        await(sleep(0));
        Check.isTrue(q.toString().contains("putters[1]"), q.toString());
        Check.equal(1, await(q.get()));
        Check.isFalse(q.toString().contains("putters"), "the woken putter left the deque: " + q);
        Check.isFalse(putter.done(), "woken, not yet run");
        await(putter);
        Check.equal(2, q.getNowait());
        return result();
    }

    /** test_blocking_get_wait: the getter waits until a timer puts an item (virtual time). */
    @Async
    public Coroutine<Double> testBlockingGetWait() {
        EventLoop loop = getRunningLoop();
        Queue<Integer> q = new Queue<>();
        Future<Void> started = loop.createFuture();
        boolean[] finished = {false};
        Task<Integer> queueGetTask = createTask(queueGet(q, started, finished));
        await(started);
        Check.isFalse(finished[0], "finished before the put");
        loop.callLater(0.01, () -> q.putNowait(1));
        int res = await(queueGetTask);
        Check.isTrue(finished[0], "finished");
        Check.equal(1, res);
        return result(loop.time());
    }

    @Async
    private Coroutine<Integer> queueGet(Queue<Integer> q, Future<Void> started, boolean[] finished) {
        started.setResult(null);
        int res = await(q.get());
        finished[0] = true;
        return result(res);
    }

    @Async
    public Coroutine<Void> testGetCancelledRace() {
        Queue<String> q = new Queue<>();
        Task<String> t1 = createTask(q.get());
        Task<String> t2 = createTask(q.get());
        await(sleep(0));
        t1.cancel();
        await(sleep(0));
        Check.isTrue(t1.done(), "t1 done");
        await(q.put("a"));
        await(sleep(0));
        Check.equal("a", await(t2));
        return result();
    }

    @Async
    public Coroutine<Void> testGetWithWaitingPutters() {
        Queue<String> q = new Queue<>(1);
        createTask(q.put("a"));
        createTask(q.put("b"));
        Check.equal("a", await(q.get()));
        Check.equal("b", await(q.get()));
        return result();
    }

    @Async
    public Coroutine<Void> testWhyAreGettersWaiting() {
        int producerNumItems = 5;
        Queue<Integer> q = new Queue<>(1);
        Task<Void> producer = createTask(producer(q, producerNumItems));
        Task<Void> consumer = createTask(consumer(q, producerNumItems));
        await(producer);
        await(consumer);
        Check.isTrue(q.empty(), "empty");
        return result();
    }

    @Async
    private Coroutine<Void> consumer(Queue<Integer> queue, int numExpected) {
        for (int i = 0; i < numExpected; i++) {
            await(queue.get());
        }
        return result();
    }

    @Async
    private Coroutine<Void> producer(Queue<Integer> queue, int numItems) {
        for (int i = 0; i < numItems; i++) {
            await(queue.put(i));
        }
        return result();
    }

    /**
     * test_cancelled_getters_not_being_held_in_self_getters. (The Python test cancels through
     * {@code wait_for(q.get(), 0.1)}; here a timer cancels the getter at 0.1 s.)
     */
    @Async
    public Coroutine<Void> testCancelledGettersNotBeingHeldInSelfGetters() {
        Queue<Integer> queue = new Queue<>(5);
        Task<Integer> get = createTask(queue.get());
        getRunningLoop().callLater(0.1, get::cancel);
        boolean cancelled = false;
        try {
            await(get);
        } catch (CancelledError e) {
            cancelled = true;
        }
        Check.isTrue(cancelled, "the get was cancelled");
        Check.equal("<Queue maxsize=5>", queue.toString());
        return result();
    }

    // ---- QueuePutTests --------------------------------------------------------------------------

    @Async
    public Coroutine<Void> testBlockingPut() {
        Queue<Integer> q = new Queue<>();
        // No maxsize, won't block.
        await(q.put(1));
        Check.equal(1, await(q.get()));
        return result();
    }

    @Async
    public Coroutine<Double> testBlockingPutWait() {
        Queue<Integer> q = new Queue<>(1);
        Future<Void> started = getRunningLoop().createFuture();
        boolean[] finished = {false};
        EventLoop loop = getRunningLoop();
        loop.callLater(0.01, q::getNowait);
        Task<Void> queuePutTask = createTask(queuePut(q, started, finished));
        await(started);
        Check.isFalse(finished[0], "finished early");
        await(queuePutTask);
        Check.isTrue(finished[0], "finished");
        return result(loop.time());
    }

    @Async
    private Coroutine<Void> queuePut(Queue<Integer> q, Future<Void> started, boolean[] finished) {
        started.setResult(null);
        await(q.put(1));
        await(q.put(2));
        finished[0] = true;
        return result();
    }

    /** test_get_cancel_drop_one_pending_reader: a woken, then cancelled, getter drops nothing. */
    @Async
    public Coroutine<Void> testGetCancelDropOnePendingReader() {
        Queue<Integer> q = new Queue<>();
        Task<Integer> reader = createTask(q.get());
        await(sleep(0));
        q.putNowait(1);
        q.putNowait(2);
        reader.cancel();
        try {
            await(reader);
        } catch (CancelledError e) {
            // try again
            reader = createTask(q.get());
            await(reader);
        }
        int result = reader.result();
        // if we get 2, it means 1 got dropped!
        Check.equal(1, result);
        return result();
    }

    @Async
    public Coroutine<Void> testGetCancelDropManyPendingReaders() {
        Queue<Integer> q = new Queue<>();
        Task<Integer> reader1 = createTask(q.get());
        Task<Integer> reader2 = createTask(q.get());
        Task<Integer> reader3 = createTask(q.get());
        await(sleep(0));
        q.putNowait(1);
        q.putNowait(2);
        reader1.cancel();
        boolean cancelled = false;
        try {
            await(reader1);
        } catch (CancelledError e) {
            cancelled = true;
        }
        Check.isTrue(cancelled, "reader1 cancelled");
        await(reader3);
        await(reader2);
        // It is undefined in which order concurrent readers receive results.
        Set<Integer> results = new HashSet<>(List.of(reader2.result(), reader3.result()));
        Check.equal(Set.of(1, 2), results);
        return result();
    }

    /** test_put_cancel_drop: a woken, then cancelled, putter loses no slot. */
    @Async
    public Coroutine<Void> testPutCancelDrop() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        // putting a second item in the queue has to block (qsize=1)
        Task<Void> writer = createTask(q.put(2));
        await(sleep(0));
        int value1 = q.getNowait();
        Check.equal(1, value1);
        writer.cancel();
        try {
            await(writer);
        } catch (CancelledError e) {
            // try again
            writer = createTask(q.put(2));
            await(writer);
        }
        int value2 = q.getNowait();
        Check.equal(2, value2);
        Check.equal(0, q.qsize());
        return result();
    }

    @Async
    public Coroutine<Void> testPutCancelled() {
        Queue<Integer> q = new Queue<>();
        Task<Boolean> t = createTask(queuePutTrue(q));
        Check.equal(1, await(q.get()));
        Check.isTrue(t.done(), "put task done");
        Check.isTrue(t.result(), "put task result");
        return result();
    }

    @Async
    private Coroutine<Boolean> queuePutTrue(Queue<Integer> q) {
        await(q.put(1));
        return result(true);
    }

    @Async
    public Coroutine<Void> testPutCancelledRace() {
        Queue<String> q = new Queue<>(1);
        Task<Void> putA = createTask(q.put("a"));
        Task<Void> putB = createTask(q.put("b"));
        Task<Void> putC = createTask(q.put("X"));
        await(sleep(0));
        Check.isTrue(putA.done(), "put_a done");
        Check.isFalse(putB.done(), "put_b done");
        putC.cancel();
        await(sleep(0));
        Check.isTrue(putC.done(), "put_c done");
        Check.equal("a", q.getNowait());
        await(sleep(0));
        Check.equal("b", q.getNowait());
        await(putB);
        return result();
    }

    @Async
    public Coroutine<Void> testPutWithWaitingGetters() {
        Queue<String> q = new Queue<>();
        Task<String> t = createTask(q.get());
        await(sleep(0));
        await(q.put("a"));
        Check.equal("a", await(t));
        return result();
    }

    @Async
    public Coroutine<Void> testWhyArePuttersWaiting() {
        Queue<Integer> queue = new Queue<>(2);
        List<Task<Void>> tasks = new ArrayList<>();
        tasks.add(createTask(drainAfterAYield(queue)));
        for (int item = 0; item < 4; item++) {
            tasks.add(createTask(putter(queue, item)));
        }
        for (Task<Void> task : tasks) {
            await(task);
        }
        return result();
    }

    @Async
    private Coroutine<Void> putter(Queue<Integer> queue, int item) {
        await(queue.put(item));
        return result();
    }

    @Async
    private Coroutine<Void> drainAfterAYield(Queue<Integer> queue) {
        await(sleep(0));
        int num = queue.qsize();
        for (int i = 0; i < num; i++) {
            queue.getNowait();
        }
        return result();
    }

    @Async
    public Coroutine<Void> testCancelledPutsNotBeingHeldInSelfPutters() {
        // Full queue.
        Queue<Integer> queue = new Queue<>(1);
        queue.putNowait(1);
        // Task waiting for space to put an item in the queue.
        Task<Void> putTask = createTask(queue.put(1));
        await(sleep(0));
        // Check that the putter is removed from the putters when the task is cancelled.
        Check.isTrue(queue.toString().contains("putters[1]"), queue.toString());
        putTask.cancel();
        boolean cancelled = false;
        try {
            await(putTask);
        } catch (CancelledError e) {
            cancelled = true;
        }
        Check.isTrue(cancelled, "put cancelled");
        Check.isFalse(queue.toString().contains("putters"), queue.toString());
        return result();
    }

    @Async
    public Coroutine<Void> testCancelledPutSilenceValueErrorException() {
        // Full Queue.
        Queue<Integer> queue = new Queue<>(1);
        queue.putNowait(1);
        // Task waiting for space to put a item in the queue.
        Task<Void> putTask = createTask(queue.put(1));
        await(sleep(0));
        // getNowait() removes the future of putTask from the putters.
        queue.getNowait();
        // When cancelled, put is going to remove its future from the putters, but
        // getNowait() removed it already: that must not fail, only the cancel comes out.
        putTask.cancel();
        boolean cancelled = false;
        try {
            await(putTask);
        } catch (CancelledError e) {
            cancelled = true;
        }
        Check.isTrue(cancelled, "put cancelled");
        return result();
    }

    // ---- _QueueJoinTestMixin (run for Queue, LifoQueue and PriorityQueue) -------------------------

    /** test_task_done: two workers get and mark done 100 items while the test joins. */
    @Async
    public Coroutine<Void> testTaskDone(Queue<Integer> q) {
        for (int i = 0; i < 100; i++) {
            q.putNowait(i);
        }
        int[] accumulator = {0};
        boolean[] running = {true};
        List<Task<Void>> tasks = new ArrayList<>();
        for (int index = 0; index < 2; index++) {
            tasks.add(createTask(worker(q, accumulator, running)));
        }
        await(q.join());
        Check.equal(4950, accumulator[0]);
        // close running workers
        running[0] = false;
        for (int i = 0; i < tasks.size(); i++) {
            q.putNowait(0);
        }
        for (Task<Void> task : tasks) {
            await(task);
        }
        return result();
    }

    @Async
    private Coroutine<Void> worker(Queue<Integer> q, int[] accumulator, boolean[] running) {
        while (running[0]) {
            int item = await(q.get());
            accumulator[0] += item;
            q.taskDone();
        }
        return result();
    }

    /**
     * test_join_empty_queue: a fresh queue joins at once, "and before anything else": a task
     * created first has not run when both joins returned.
     */
    @Async
    public Coroutine<List<String>> testJoinEmptyQueue(Queue<Integer> q) {
        List<String> log = new ArrayList<>();
        Task<Void> other = createTask(logs(log, "other ran"));
        await(q.join());
        await(q.join());
        log.add("joined");
        await(other);
        return result(log);
    }

    @Async
    private Coroutine<Void> logs(List<String> log, String entry) {
        log.add(entry);
        return result();
    }
}
