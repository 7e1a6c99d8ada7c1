package io.jasyncio.it.locks;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.ensureFuture;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.it.locks.Outcomes.outcome;

import io.jasyncio.Async;
import io.jasyncio.CancelledError;
import io.jasyncio.Condition;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Lock;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;

/** CPython test_locks.ConditionTests as {@code @Async} code; each scenario logs what Python asserts. */
public final class ConditionScenarios {
    private ConditionScenarios() {}

    /** acquire, wait, and (if {@code release}) release after appending {@code tag}. */
    @Async
    static Coroutine<Boolean> waitThenAppend(Condition cond, List<Integer> woken, int tag, boolean release) {
        await(cond.acquire());
        if (await(cond.waitNotified())) {
            woken.add(tag);
            if (release) {
                cond.release();
            }
        }
        return result(true);
    }

    /** test_wait: signalled waiters still take the lock one at a time. */
    @Async
    public static Coroutine<Void> waitAndRelock(List<String> log) {
        Condition cond = new Condition();
        List<Integer> woken = new ArrayList<>();
        Task<Boolean> t1 = createTask(waitThenAppend(cond, woken, 1, false));
        Task<Boolean> t2 = createTask(waitThenAppend(cond, woken, 2, false));
        Task<Boolean> t3 = createTask(waitThenAppend(cond, woken, 3, false));
        await(sleep(0));
        log.add(woken + " " + cond.locked());
        log.add("acquire " + await(cond.acquire()));
        cond.signal();
        await(sleep(0));
        log.add(woken + " " + cond.locked());
        cond.release();
        await(sleep(0));
        log.add(woken + " " + cond.locked());
        cond.signal(2);
        await(sleep(0));
        log.add(woken + " " + cond.locked());
        cond.release();
        await(sleep(0));
        log.add(woken + " " + cond.locked());
        cond.release();
        await(sleep(0));
        log.add(woken + " " + cond.locked());
        log.add(t1.result() + " " + t2.result() + " " + t3.result());
        return result();
    }

    /** test_wait_cancel: cancelled in the wait, the task still re-acquires the lock. */
    @Async
    public static Coroutine<Void> waitCancel(List<String> log) {
        Condition cond = new Condition();
        await(cond.acquire());
        Future<Boolean> wait = ensureFuture(cond.waitNotified());
        getRunningLoop().callSoon(() -> wait.cancel());
        log.add(await(outcome(wait)));
        log.add(cond.toString());
        return result();
    }

    /** test_wait_cancel_contested: signalled, cancelled and the lock released in one pass. */
    @Async
    public static Coroutine<Void> waitCancelContested(List<String> log) {
        Condition cond = new Condition();
        await(cond.acquire());
        log.add("locked " + cond.locked());
        Future<Boolean> waitTask = ensureFuture(cond.waitNotified());
        await(sleep(0));
        log.add("locked " + cond.locked());
        await(cond.acquire());
        log.add("locked " + cond.locked());
        cond.signal();
        getRunningLoop().callSoon(() -> waitTask.cancel());
        getRunningLoop().callSoon(cond::release);
        log.add("wait task " + await(outcome(waitTask)));
        log.add("locked " + cond.locked());
        return result();
    }

    @Async
    static Coroutine<Void> waitOnCond(Condition cond, boolean[] waited) {
        await(cond.acquire());
        try {
            waited[0] = true;
            await(cond.waitNotified());
        } finally {
            cond.release();
        }
        return result();
    }

    /** test_wait_cancel_after_notify (bpo-32841): cancelled while re-acquiring after a signal. */
    @Async
    public static Coroutine<Void> waitCancelAfterNotify(List<String> log) {
        Condition cond = new Condition();
        boolean[] waited = {false};
        Task<Void> waiter = createTask(waitOnCond(cond, waited));
        await(sleep(0));
        await(cond.acquire());
        cond.signal();
        await(sleep(0));
        waiter.cancel();
        await(sleep(0));
        cond.release();
        await(sleep(0));
        log.add("cancelled " + waiter.cancelled() + ", waited " + waited[0] + ", locked " + cond.locked());
        return result();
    }

    @Async
    static Coroutine<Boolean> waitForThenAppend(Condition cond, boolean[] predicate, List<Integer> woken) {
        await(cond.acquire());
        if (await(cond.waitFor(() -> predicate[0]))) {
            woken.add(1);
            cond.release();
        }
        return result(true);
    }

    /** test_wait_for: a signal with a false predicate keeps the task waiting. */
    @Async
    public static Coroutine<Void> waitFor(List<String> log) {
        Condition cond = new Condition();
        boolean[] predicate = {false};
        List<Integer> woken = new ArrayList<>();
        Task<Boolean> t = createTask(waitForThenAppend(cond, predicate, woken));
        await(sleep(0));
        log.add(woken.toString());
        await(cond.acquire());
        cond.signal();
        cond.release();
        await(sleep(0));
        log.add(woken.toString());
        predicate[0] = true;
        await(cond.acquire());
        cond.signal();
        cond.release();
        await(sleep(0));
        log.add(woken.toString());
        log.add(t.done() + " " + t.result());
        return result();
    }

    /** test_notify and test_notify_all. */
    @Async
    public static Coroutine<Void> signalCounts(List<String> log) {
        Condition cond = new Condition();
        List<Integer> woken = new ArrayList<>();
        List<Task<Boolean>> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            tasks.add(createTask(waitThenAppend(cond, woken, i, true)));
        }
        await(sleep(0));
        log.add(woken.toString());
        await(cond.acquire());
        cond.signal(1);
        cond.release();
        await(sleep(0));
        log.add(woken.toString());
        await(cond.acquire());
        cond.signal(1);
        cond.signal(2048);
        cond.release();
        await(sleep(0));
        log.add(woken.toString());
        for (int i = 4; i <= 5; i++) {
            tasks.add(createTask(waitThenAppend(cond, woken, i, true)));
        }
        await(sleep(0));
        await(cond.acquire());
        cond.signalAll();
        cond.release();
        await(sleep(0));
        log.add(woken.toString());
        for (Task<Boolean> task : tasks) {
            log.add(String.valueOf(await(task)));
        }
        return result();
    }

    /** test_explicit_lock: the condition and its lock are one lock. */
    @Async
    public static Coroutine<Void> explicitLock(List<String> log) {
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        log.add(lock.locked() + " " + cond.locked());
        await(cond.acquire());
        log.add(lock.locked() + " " + cond.locked());
        cond.release();
        log.add(lock.locked() + " " + cond.locked());
        await(lock.acquire());
        log.add(lock.locked() + " " + cond.locked());
        lock.release();
        log.add(lock.locked() + " " + cond.locked());
        return result();
    }

    @Async
    static Coroutine<Void> waitForWake(Condition cond, boolean[] wake, CancelledError[] raised, boolean[] heldAtCatch) {
        await(cond.acquire());
        try {
            try {
                await(cond.waitFor(() -> wake[0]));
            } catch (CancelledError e) {
                raised[0] = e;
                heldAtCatch[0] = cond.locked();
                throw e;
            }
        } finally {
            cond.release();
        }
        return result();
    }

    /**
     * test_cancelled_error_wakeup ({@code reacquire} false: cancelled while waiting for the
     * signal) and test_cancelled_error_re_aquire (true: signalled, then cancelled while
     * re-acquiring): the task's own CancelledError, message "foo", comes out of the wait, with
     * the lock held, and is the one the awaiter gets.
     */
    @Async
    public static Coroutine<Void> cancelledErrorKept(boolean reacquire, List<String> log) {
        Condition cond = new Condition();
        boolean[] wake = {false};
        CancelledError[] raised = {null};
        boolean[] heldAtCatch = {false};
        Task<Void> task = createTask(waitForWake(cond, wake, raised, heldAtCatch));
        await(sleep(0));
        if (reacquire) {
            await(cond.acquire());
            wake[0] = true;
            cond.signal();
            await(sleep(0));
            task.cancel("foo");
            cond.release();
        } else {
            task.cancel("foo");
        }
        try {
            await(task);
            log.add("not cancelled");
        } catch (CancelledError e) {
            log.add("message " + e.getMessage() + ", at the catch " + raised[0].getMessage()
                    + ", held " + heldAtCatch[0] + ", same " + (e == raised[0] || e.getCause() == raised[0]));
        }
        log.add("locked " + cond.locked());
        return result();
    }

    @Async
    static Coroutine<Void> consumer(Condition cond, int[] state) {
        await(cond.acquire());
        try {
            while (true) {
                await(cond.waitFor(() -> state[0] != 0));
                if (state[0] < 0) {
                    return result();
                }
                state[0]--;
            }
        } finally {
            cond.release();
        }
    }

    /**
     * test_cancelled_wakeup ({@code relock} false: cancelled right after the signal) and
     * test_cancelled_wakeup_relock (true: cancelled while re-acquiring the lock): the signal is
     * not lost, the other consumer takes the item. (asyncio.timeout(0.01) of the Python test is
     * replaced by a few loop iterations: on the virtual loop nothing else can happen meanwhile.)
     */
    @Async
    public static Coroutine<Void> cancelledWakeupNotLost(boolean relock, List<String> log) {
        Condition cond = new Condition();
        int[] state = {0};
        Task<Void> c0 = createTask(consumer(cond, state));
        Task<Void> c1 = createTask(consumer(cond, state));
        await(sleep(0));
        await(cond.acquire());
        state[0]++;
        cond.signal(1);
        if (relock) {
            await(sleep(0));
        }
        c0.cancel();
        cond.release();
        await(Outcomes.yieldTimes(5));
        log.add("state " + state[0]);
        await(cond.acquire());
        state[0] = -1;
        cond.signalAll();
        cond.release();
        log.add("c0 " + await(outcome(c0)) + ", c1 " + await(outcome(c1)));
        return result();
    }
}
