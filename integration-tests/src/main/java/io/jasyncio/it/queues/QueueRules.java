package io.jasyncio.it.queues;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Queue;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Queue rules from the semantics spec (§6) that test_queues.py does not spell out, each the
 * twin of a Python program run on CPython 3.11.7; the expected logs are that run's output
 * (with asyncio's {@code _getters[1]} written {@code getters[1]}, and so on).
 */
public class QueueRules {

    /** Getters are woken FIFO. CPython: ['0a', '1b', '2c']. */
    @Async
    public Coroutine<List<String>> gettersAreWokenFifo() {
        Queue<String> q = new Queue<>();
        List<String> log = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(createTask(getter(q, i, log)));
        }
        await(sleep(0));
        for (String c : new String[] {"a", "b", "c"}) {
            q.putNowait(c);
        }
        for (Task<Void> t : tasks) {
            await(t);
        }
        return result(log);
    }

    @Async
    private Coroutine<Void> getter(Queue<String> q, int i, List<String> log) {
        String v = await(q.get());
        log.add(i + v);
        return result();
    }

    /** maxsize=1: producer and consumer alternate strictly. CPython: put0, get0, put1, ... */
    @Async
    public Coroutine<List<String>> maxsizeOneAlternates() {
        Queue<Integer> q = new Queue<>(1);
        List<String> log = new ArrayList<>();
        Task<Void> a = createTask(produce(q, 4, log));
        Task<Void> b = createTask(consume(q, 4, log));
        await(a);
        await(b);
        return result(log);
    }

    @Async
    private Coroutine<Void> produce(Queue<Integer> q, int n, List<String> log) {
        for (int i = 0; i < n; i++) {
            await(q.put(i));
            log.add("put" + i);
        }
        return result();
    }

    @Async
    private Coroutine<Void> consume(Queue<Integer> q, int n, List<String> log) {
        for (int i = 0; i < n; i++) {
            int v = await(q.get());
            log.add("get" + v);
        }
        return result();
    }

    /**
     * The wake is only a hint: getNowait takes the item before the woken getter runs, which then
     * waits again. CPython: [1, False, '<Queue maxsize=0 _getters[1] tasks=1>', 2].
     */
    @Async
    public Coroutine<List<Object>> wakeIsOnlyAHint() {
        Queue<Integer> q = new Queue<>();
        List<Object> log = new ArrayList<>();
        Task<Integer> g = createTask(q.get());
        await(sleep(0));
        q.putNowait(1);
        log.add(q.getNowait());
        await(sleep(0));
        log.add(g.done());
        log.add(q.toString());
        q.putNowait(2);
        log.add(await(g));
        return result(log);
    }

    /**
     * A getter woken and then cancelled passes the wake-up to the next getter; the item stays.
     * CPython: ['g1 cancelled', 1, '<Queue maxsize=0 tasks=1>'].
     */
    @Async
    public Coroutine<List<Object>> wokenGetterCancelledPassesTheItemOn() {
        Queue<Integer> q = new Queue<>();
        List<Object> log = new ArrayList<>();
        Task<Integer> g1 = createTask(q.get());
        Task<Integer> g2 = createTask(q.get());
        await(sleep(0));
        q.putNowait(1);
        g1.cancel();
        try {
            await(g1);
        } catch (CancelledError e) {
            log.add("g1 cancelled");
        }
        log.add(await(g2));
        log.add(q.toString());
        return result(log);
    }

    /**
     * A putter woken and then cancelled passes the free slot to the next putter. CPython:
     * ["<Queue maxsize=1 _queue=['a'] _putters[2] tasks=1>", 'a', 'p1 cancelled', 'c', 0].
     */
    @Async
    public Coroutine<List<Object>> wokenPutterCancelledPassesTheSlotOn() {
        Queue<String> q = new Queue<>(1);
        q.putNowait("a");
        List<Object> log = new ArrayList<>();
        Task<Void> p1 = createTask(q.put("b"));
        Task<Void> p2 = createTask(q.put("c"));
        await(sleep(0));
        log.add(q.toString());
        log.add(q.getNowait());
        p1.cancel();
        try {
            await(p1);
        } catch (CancelledError e) {
            log.add("p1 cancelled");
        }
        await(p2);
        log.add(q.getNowait());
        log.add(q.qsize());
        return result(log);
    }

    /**
     * join() waits for the last taskDone() and wakes every joiner; then joins at once again.
     * CPython: ['<Queue maxsize=0 _queue=[1, 2] tasks=2>', 'done1', 'done2', 'joined1',
     * 'joined2', 'again'].
     */
    @Async
    public Coroutine<List<String>> joinWakesEveryJoiner() {
        Queue<Integer> q = new Queue<>();
        List<String> log = new ArrayList<>();
        q.putNowait(1);
        q.putNowait(2);
        Task<Void> j1 = createTask(joiner(q, 1, log));
        Task<Void> j2 = createTask(joiner(q, 2, log));
        await(sleep(0));
        log.add(q.toString());
        q.getNowait();
        q.taskDone();
        log.add("done1");
        await(sleep(0));
        q.getNowait();
        q.taskDone();
        log.add("done2");
        await(j1);
        await(j2);
        await(q.join());
        log.add("again");
        return result(log);
    }

    @Async
    private Coroutine<Void> joiner(Queue<Integer> q, int n, List<String> log) {
        await(q.join());
        log.add("joined" + n);
        return result();
    }
}
