package io.jasyncio.it.locks;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.ensureFuture;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.it.locks.Outcomes.outcome;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Lock;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * CPython 3.11 test_locks.LockTests as {@code @Async} code: each scenario is the body of the
 * Python test, and logs what the Python test asserts, for the JUnit test to compare.
 */
public final class LockScenarios {
    private LockScenarios() {}

    @Async
    static Coroutine<Boolean> appendWhenAcquired(Lock lock, List<Integer> acquired, int tag) {
        if (await(lock.acquire())) {
            acquired.add(tag);
        }
        return result(true);
    }

    /** test_acquire: waiters get the lock in FIFO order; a newcomer queues behind a woken one. */
    @Async
    public static Coroutine<Void> acquire(List<String> log) {
        Lock lock = new Lock();
        List<Integer> acquired = new ArrayList<>();
        log.add("acquire " + await(lock.acquire()));
        Task<Boolean> t1 = createTask(appendWhenAcquired(lock, acquired, 1));
        Task<Boolean> t2 = createTask(appendWhenAcquired(lock, acquired, 2));
        await(sleep(0));
        log.add(acquired.toString());
        lock.release();
        await(sleep(0));
        log.add(acquired.toString());
        await(sleep(0));
        log.add(acquired.toString());
        Task<Boolean> t3 = createTask(appendWhenAcquired(lock, acquired, 3));
        lock.release();
        await(sleep(0));
        log.add(acquired.toString());
        lock.release();
        await(sleep(0));
        log.add(acquired.toString());
        log.add(t1.done() + " " + t1.result() + " " + t2.done() + " " + t2.result() + " " + t3.done() + " " + t3.result());
        return result();
    }

    @Async
    static Coroutine<Void> holdBriefly(Lock lock, List<String> order, String name) {
        await(lock.acquire());
        try {
            order.add(name);
            await(sleep(0));
        } finally {
            lock.release();
        }
        return result();
    }

    /**
     * The spec's verified FIFO order: five waiters, then a latecomer that calls acquire() right
     * after a release(), before the woken waiter has run: order 0,1,2,3,4,late.
     */
    @Async
    public static Coroutine<List<String>> fifoWithLatecomer() {
        Lock lock = new Lock();
        List<String> order = new ArrayList<>();
        await(lock.acquire());
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(createTask(holdBriefly(lock, order, String.valueOf(i))));
        }
        await(sleep(0));
        lock.release();
        tasks.add(createTask(holdBriefly(lock, order, "late")));
        for (Task<Void> task : tasks) {
            await(task);
        }
        return result(order);
    }

    /** test_acquire_cancel: a cancelled acquire leaves no waiter behind. */
    @Async
    public static Coroutine<Void> acquireCancel(List<String> log) {
        Lock lock = new Lock();
        log.add("acquire " + await(lock.acquire()));
        Future<Boolean> task = ensureFuture(lock.acquire());
        getRunningLoop().callSoon(() -> task.cancel());
        log.add(await(outcome(task)));
        log.add(lock.toString());
        return result();
    }

    @Async
    static Coroutine<Void> lockit(Lock lock, Future<Void> blocker) {
        await(lock.acquire());
        try {
            if (blocker != null) {
                await(blocker);
            }
        } finally {
            lock.release();
        }
        return result();
    }

    /** test_cancel_race: B cancelled while A releases: the release skips B and wakes C. */
    @Async
    public static Coroutine<Void> cancelRace(List<String> log) {
        Lock lock = new Lock();
        Future<Void> fa = getRunningLoop().createFuture();
        Task<Void> ta = createTask(lockit(lock, fa));
        await(sleep(0));
        log.add("locked " + lock.locked());
        Task<Void> tb = createTask(lockit(lock, null));
        await(sleep(0));
        log.add(lock.toString());
        Task<Void> tc = createTask(lockit(lock, null));
        await(sleep(0));
        log.add(lock.toString());
        fa.setResult(null);
        tb.cancel();
        await(sleep(0));
        log.add("locked " + lock.locked() + ", ta done " + ta.done() + ", tb cancelled " + tb.cancelled());
        log.add("tc " + await(outcome(tc)));
        return result();
    }

    @Async
    static Coroutine<Void> countingLockit(Lock lock, int[] counts) {
        counts[0]++;
        await(lock.acquire());
        counts[1]++;
        return result();
    }

    /** test_cancel_release_race: cancel the first waiter and release in one callback: one owner. */
    @Async
    public static Coroutine<Void> cancelReleaseRace(List<String> log) {
        Lock lock = new Lock();
        int[] counts = {0, 0};
        await(lock.acquire());
        Task<Void> t1 = createTask(countingLockit(lock, counts));
        Task<Void> t2 = createTask(countingLockit(lock, counts));
        Task<Void> t3 = createTask(countingLockit(lock, counts));
        await(sleep(0));
        getRunningLoop().callSoon(() -> {
            t1.cancel();
            lock.release();
        });
        log.add("t1 " + await(outcome(t1)));
        log.add("locks taken " + counts[1] + ", calls " + counts[0]);
        log.add("t1 cancelled " + t1.cancelled() + ", t2 done " + t2.done());
        t3.cancel();
        await(sleep(0));
        log.add("t3 cancelled " + t3.cancelled());
        return result();
    }

    /** test_finished_waiter_cancelled. */
    @Async
    public static Coroutine<Void> finishedWaiterCancelled(List<String> log) {
        Lock lock = new Lock();
        await(lock.acquire());
        log.add("locked " + lock.locked());
        Future<Boolean> tb = ensureFuture(lock.acquire());
        await(sleep(0));
        log.add(lock.toString());
        Future<Boolean> tc = ensureFuture(lock.acquire());
        tb.cancel();
        lock.release();
        await(sleep(0));
        log.add("locked " + lock.locked() + ", tb cancelled " + tb.cancelled());
        log.add("tc " + await(outcome(tc)));
        return result();
    }

    /**
     * asyncio's rule: a waiter that release() woke and that is then cancelled before it runs
     * passes the wake-up on, so the next waiter gets the lock.
     */
    @Async
    public static Coroutine<Void> wokenThenCancelledPassesTheWakeOn(List<String> log) {
        Lock lock = new Lock();
        await(lock.acquire());
        Future<Boolean> tb = ensureFuture(lock.acquire());
        Future<Boolean> tc = ensureFuture(lock.acquire());
        await(sleep(0));
        log.add(lock.toString());
        lock.release();
        tb.cancel();
        await(sleep(0));
        await(sleep(0));
        log.add("tb " + await(outcome(tb)) + ", tc done " + tc.done() + " " + tc.result() + ", " + lock);
        lock.release();
        return result();
    }
}
