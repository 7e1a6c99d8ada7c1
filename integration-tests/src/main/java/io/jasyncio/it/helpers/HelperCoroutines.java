package io.jasyncio.it.helpers;

import static io.jasyncio.Asyncio.asCompleted;
import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.shield;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.toThread;
import static io.jasyncio.Asyncio.waitFor;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Done;
import io.jasyncio.Future;
import io.jasyncio.ReturnWhen;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * User-shaped {@code @Async} code around gather, wait, waitFor, shield, asCompleted and
 * toThread: ports of the coroutines in CPython 3.11's test_tasks / test_waitfor /
 * test_threads. Every method logs what it sees, with the loop's (virtual) time where it
 * matters, so the tests can check order and timing without sleeping.
 */
public class HelperCoroutines {
    private final List<String> log;

    public HelperCoroutines(List<String> log) {
        this.log = log;
    }

    private String now() {
        return String.valueOf(getRunningLoop().time());
    }

    // ---- building blocks ----

    @Async
    public Coroutine<Integer> valueAfter(double delay, int value) {
        await(sleep(delay));
        log.add("value " + value + " at " + now());
        return result(value);
    }

    @Async
    public Coroutine<Integer> failAfter(double delay, RuntimeException error) {
        await(sleep(delay));
        log.add("fail " + error.getMessage() + " at " + now());
        throw error;
    }

    /** Marks that its body started; then sleeps. */
    @Async
    public Coroutine<Integer> started(String name, double delay, int value) {
        log.add(name + " started");
        await(sleep(delay));
        return result(value);
    }

    @Async
    public Coroutine<Integer> awaitFuture(Future<Integer> f) {
        int v = await(f);
        log.add("got " + v);
        return result(v);
    }

    /** Refuses a cancel: catches it and returns 42 (test_wait_for_cancellation_race_condition). */
    @Async
    public Coroutine<Integer> refuseCancel(double delay) {
        try {
            await(sleep(delay));
            return result(1);
        } catch (CancelledError e) {
            log.add("refused at " + now());
            return result(42);
        }
    }

    /** Cleans up, awaiting for one second, before letting the cancel through. */
    @Async
    public Coroutine<Integer> slowCleanup(double delay) {
        try {
            await(sleep(delay));
            return result(1);
        } finally {
            await(sleep(1.0));
            log.add("cleaned up at " + now());
        }
    }

    /** Raises another exception when cancelled (test_wait_for_reraises_exception_during_cancellation). */
    @Async
    public Coroutine<Integer> failOnCancel(double delay) {
        try {
            await(sleep(delay));
            return result(1);
        } catch (CancelledError e) {
            throw new IllegalStateException("failed while cancelled");
        }
    }

    // ---- gather ----

    /** Typed gather of tasks, in argument order. */
    @Async
    public Coroutine<Integer> sumOfGather(List<Task<Integer>> tasks) {
        List<Integer> values = await(gather(tasks));
        int sum = 0;
        for (int v : values) {
            sum += v;
        }
        log.add("gathered " + values);
        return result(sum);
    }

    /** Varargs gather of coroutines started by the gather itself. */
    @Async
    public Coroutine<List<Integer>> gatherCoroutines(double d1, double d2, double d3) {
        List<Integer> values = await(gather(valueAfter(d1, 1), valueAfter(d2, 2), valueAfter(d3, 3)));
        return result(values);
    }

    /** Awaits a gather it shares through {@code holder}, counts in {@code proof} if it gets past it. */
    @Async
    public Coroutine<Void> awaitGather(List<Future<List<Object>>> holder, int[] proof, Awaitable<?>... children) {
        Future<List<Object>> gathering = gather(false, children);
        holder.add(gathering);
        await(gathering);
        proof[0] += 100;
        return result();
    }

    @Async
    public Coroutine<Void> incrementAfter(Future<Void> waiter, int[] proof) {
        await(waiter);
        proof[0] += 1;
        return result();
    }

    /** Loops over gathers of one sleep, as test_cancel_gather_2's test(). */
    @Async
    public Coroutine<Void> gatherForever() {
        double time = 0;
        while (true) {
            time += 0.05;
            await(gather(true, sleep(0.05)));
            if (time > 1) {
                return result();
            }
        }
    }

    /** test_cancel_gather_2's main(): cancels gatherForever at 0.2 and awaits it. */
    @Async
    public Coroutine<Void> cancelGatherForever(String message) {
        Task<Void> qwe = createTask(gatherForever());
        await(sleep(0.2));
        qwe.cancel(message);
        await(qwe);
        return result();
    }

    /** test_exception_marking: awaits f, then fails. */
    @Async
    public Coroutine<Void> failAfterFuture(Future<Void> f) {
        await(f);
        throw new IllegalStateException("should not be ignored");
    }

    @Async
    public Coroutine<Void> gatherTwoFailing(Future<Void> a, Future<Void> b) {
        await(gather(failAfterFuture(a), failAfterFuture(b)));
        return result();
    }

    // ---- wait ----

    @Async
    public Coroutine<Done<Integer>> waitOn(Collection<? extends Awaitable<Integer>> fs, ReturnWhen when, double timeout) {
        Done<Integer> done = await(Asyncio.wait(fs, when, timeout));
        log.add("wait returned at " + now() + ": " + done.done().size() + " done, " + done.pending().size() + " pending");
        return result(done);
    }

    @Async
    public Coroutine<Done<Integer>> waitAll(Collection<? extends Awaitable<Integer>> fs) {
        Done<Integer> done = await(Asyncio.wait(fs));
        log.add("wait returned at " + now());
        return result(done);
    }

    /** Catches what awaiting {@code Asyncio.wait} throws, as a string. */
    @Async
    public Coroutine<String> waitError(Collection<? extends Awaitable<Integer>> fs) {
        try {
            await(Asyncio.wait(fs));
            return result("no error");
        } catch (IllegalArgumentException e) {
            return result(e.getMessage());
        }
    }

    // ---- waitFor ----

    @Async
    public Coroutine<Integer> withTimeout(Awaitable<Integer> aw, double timeout) {
        int v = await(waitFor(aw, timeout));
        log.add("waitFor gave " + v + " at " + now());
        return result(v);
    }

    /** Catches the TimeoutError and logs its cause. */
    @Async
    public Coroutine<String> catchTimeout(Awaitable<Integer> aw, double timeout) {
        try {
            int v = await(waitFor(aw, timeout));
            return result("value " + v);
        } catch (TimeoutError e) {
            String cause = e.getCause() == null ? "none" : e.getCause().getClass().getSimpleName();
            log.add("timeout at " + now() + ", cause " + cause);
            return result("timed out");
        }
    }

    /** test_wait_for_self_cancellation: waitFor of its own coroutine chain, twice nested. */
    @Async
    public Coroutine<String> nestedWaitFor() {
        try {
            await(waitFor(waitFor(sleep(10.0, 1), 5.0), 1.0));
            return result("no timeout");
        } catch (TimeoutError e) {
            return result("timeout at " + now());
        }
    }

    // ---- shield ----

    @Async
    public Coroutine<Integer> awaitShielded(Awaitable<Integer> aw) {
        try {
            return result(await(shield(aw)));
        } catch (CancelledError e) {
            log.add("outer cancelled at " + now());
            throw e;
        }
    }

    // ---- asCompleted ----

    /** Awaits each of {@code next} in turn; logs the values and the errors. */
    @Async
    public Coroutine<List<Object>> collect(List<Coroutine<Integer>> next) {
        List<Object> out = new ArrayList<>();
        for (Coroutine<Integer> c : next) {
            try {
                out.add(await(c));
            } catch (RuntimeException e) {
                out.add(e);
            }
            log.add("next at " + now());
        }
        return result(out);
    }

    /** asCompleted called inside the coroutine over coroutines, as the Python examples do. */
    @Async
    public Coroutine<List<Integer>> firstToLast(double timeout) {
        List<Coroutine<Integer>> cs = List.of(valueAfter(0.3, 3), valueAfter(0.1, 1), valueAfter(0.2, 2));
        List<Integer> out = new ArrayList<>();
        for (Coroutine<Integer> next : asCompleted(cs, timeout)) {
            out.add(await(next));
        }
        return result(out);
    }

    // ---- toThread ----

    @Async
    public Coroutine<String> inThread(Callable<String> call) {
        String s = await(toThread(call));
        log.add("back on " + Thread.currentThread().getName());
        return result(s);
    }
}
