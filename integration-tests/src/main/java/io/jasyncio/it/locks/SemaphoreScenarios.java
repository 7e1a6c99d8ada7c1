package io.jasyncio.it.locks;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.ensureFuture;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.it.locks.Outcomes.outcome;
import static io.jasyncio.it.locks.Outcomes.outcomes;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Semaphore;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;

/** CPython 3.11 test_locks.SemaphoreTests as {@code @Async} code; each scenario logs what Python asserts. */
public final class SemaphoreScenarios {
    private SemaphoreScenarios() {}

    @Async
    static Coroutine<Boolean> acquireThenAppend(Semaphore sem, List<String> order, String tag) {
        await(sem.acquire());
        order.add(tag);
        return result(true);
    }

    /** test_acquire: permits are handed to waiters as they are released. */
    @Async
    public static Coroutine<Void> acquire(List<String> log) {
        Semaphore sem = new Semaphore(3);
        List<String> order = new ArrayList<>();
        log.add(await(sem.acquire()) + " " + await(sem.acquire()) + " locked " + sem.locked());
        Task<Boolean> t1 = createTask(acquireThenAppend(sem, order, "1"));
        Task<Boolean> t2 = createTask(acquireThenAppend(sem, order, "2"));
        Task<Boolean> t3 = createTask(acquireThenAppend(sem, order, "3"));
        await(sleep(0));
        log.add(order + " " + sem);
        Task<Boolean> t4 = createTask(acquireThenAppend(sem, order, "4"));
        sem.release();
        sem.release();
        log.add("value " + sem.value());
        await(sleep(0));
        log.add(order.size() + " " + sem);
        int done = 0;
        for (Task<Boolean> t : List.of(t2, t3, t4)) {
            if (t.done() && t.result()) {
                done++;
            }
        }
        log.add("t1 " + t1.result() + ", racers done " + done);
        sem.release();
        log.add(String.valueOf(await(outcomes(List.of(t2, t3, t4)))));
        return result();
    }

    /** test_acquire_cancel_before_awoken: cancelled waiters are skipped, the permit goes to t3. */
    @Async
    public static Coroutine<Void> acquireCancelBeforeAwoken(List<String> log) {
        Semaphore sem = new Semaphore(0);
        List<Future<Boolean>> ts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ts.add(ensureFuture(sem.acquire()));
        }
        await(sleep(0));
        ts.get(0).cancel();
        ts.get(1).cancel();
        sem.release();
        await(sleep(0));
        await(sleep(0));
        log.add("t3 done " + ts.get(2).done() + ", t4 done " + ts.get(3).done());
        ts.get(2).cancel();
        ts.get(3).cancel();
        await(sleep(0));
        return result();
    }

    /** test_acquire_hang: t1 cancelled as the release wakes it gives the permit to t2. */
    @Async
    public static Coroutine<Void> acquireHang(List<String> log) {
        Semaphore sem = new Semaphore(0);
        Future<Boolean> t1 = ensureFuture(sem.acquire());
        Future<Boolean> t2 = ensureFuture(sem.acquire());
        await(sleep(0));
        sem.release();
        t1.cancel();
        await(sleep(0));
        await(sleep(0));
        log.add("locked " + sem.locked() + ", t1 " + await(outcome(t1)) + ", t2 done " + t2.done());
        return result();
    }

    @Async
    static Coroutine<String> twoRounds(Semaphore sem, List<String> order, String tag) {
        await(sem.acquire());
        order.add(tag + "_1");
        await(sleep(0.01));
        sem.release();
        await(sem.acquire());
        order.add(tag + "_2");
        await(sleep(0.01));
        sem.release();
        return result(tag);
    }

    /** test_acquire_fifo_order: c1_1, c2_1, c3_1, c1_2, c2_2, c3_2. */
    @Async
    public static Coroutine<List<String>> fifoOrder() {
        Semaphore sem = new Semaphore(1);
        List<String> order = new ArrayList<>();
        List<Task<String>> tasks = new ArrayList<>();
        for (String tag : List.of("c1", "c2", "c3")) {
            tasks.add(createTask(twoRounds(sem, order, tag)));
        }
        await(outcomes(tasks));
        return result(order);
    }

    @Async
    static Coroutine<Boolean> releaseAndRequeue(Semaphore sem, List<String> order) {
        await(sem.acquire());
        order.add("2");
        sem.release();
        await(sem.acquire());
        order.add("4");
        return result(true);
    }

    /** test_acquire_fifo_order_2: a task that releases and re-acquires goes to the back. */
    @Async
    public static Coroutine<List<String>> fifoOrder2() {
        Semaphore sem = new Semaphore(1);
        List<String> order = new ArrayList<>();
        Task<Boolean> t1 = createTask(acquireThenAppend(sem, order, "1"));
        Task<Boolean> t2 = createTask(releaseAndRequeue(sem, order));
        Task<Boolean> t3 = createTask(acquireThenAppend(sem, order, "3"));
        await(sleep(0));
        sem.release();
        sem.release();
        await(outcomes(List.of(t1, t2, t3)));
        return result(order);
    }

    /** test_acquire_fifo_order_3: a waiter cancelled before being woken is skipped: [2, 3]. */
    @Async
    public static Coroutine<List<String>> fifoOrder3() {
        Semaphore sem = new Semaphore(0);
        List<String> order = new ArrayList<>();
        Task<Boolean> t1 = createTask(acquireThenAppend(sem, order, "1"));
        Task<Boolean> t2 = createTask(acquireThenAppend(sem, order, "2"));
        Task<Boolean> t3 = createTask(acquireThenAppend(sem, order, "3"));
        await(sleep(0));
        t1.cancel();
        await(sleep(0));
        sem.release();
        sem.release();
        await(outcomes(List.of(t1, t2, t3)));
        return result(order);
    }

    @Async
    static Coroutine<Boolean> fifo4First(Semaphore sem, List<String> order, List<String> log, List<Task<Boolean>> late) {
        log.add("c1 value " + sem.value());
        await(sem.acquire());
        log.add("c1 woken, value " + sem.value());
        late.add(createTask(acquireFree(order)));
        order.add("1");
        return result(true);
    }

    @Async
    static Coroutine<Boolean> acquireFree(List<String> order) {
        order.add("4");
        return result(true);
    }

    @Async
    static Coroutine<Boolean> fifo4Second(Semaphore sem, List<String> order, List<String> log) {
        sem.release();
        sem.release();
        sem.release();
        log.add("c2 value " + sem.value() + ", locked " + sem.locked());
        await(sem.acquire());
        order.add("2");
        return result(true);
    }

    @Async
    static Coroutine<Boolean> fifo4Third(Semaphore sem, List<String> order, List<String> log) {
        await(sem.acquire());
        log.add("c3 locked " + sem.locked());
        order.add("3");
        return result(true);
    }

    /** test_acquire_fifo_order_4: one successful acquire wakes every waiter it can serve. */
    @Async
    public static Coroutine<Void> fifoOrder4(List<String> log) {
        Semaphore sem = new Semaphore(0);
        List<String> order = new ArrayList<>();
        List<Task<Boolean>> late = new ArrayList<>();
        Task<Boolean> t1 = createTask(fifo4First(sem, order, log, late));
        Task<Boolean> t2 = createTask(fifo4Second(sem, order, log));
        Task<Boolean> t3 = createTask(fifo4Third(sem, order, log));
        await(sleep(0));
        log.add("value " + sem.value() + ", " + sem);
        await(sleep(0));
        List<Task<Boolean>> all = new ArrayList<>(List.of(t1, t2, t3));
        all.addAll(late);
        await(outcomes(all));
        log.add(order.toString());
        return result();
    }
}
