package io.jasyncio.it.locks;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.ensureFuture;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.it.locks.Outcomes.outcome;
import static io.jasyncio.it.locks.Outcomes.outcomes;

import io.jasyncio.Async;
import io.jasyncio.Barrier;
import io.jasyncio.BrokenBarrierError;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;

/** CPython 3.11 test_locks.BarrierTests as {@code @Async} code; each scenario logs what Python asserts. */
public final class BarrierScenarios {
    private BarrierScenarios() {}

    /** test_filling_task_by_task, with each task's arrival index: the last to arrive gets N-1. */
    @Async
    public static Coroutine<Void> fillingTaskByTask(List<String> log) {
        Barrier barrier = new Barrier(3);
        List<Future<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(ensureFuture(barrier.arriveAndWait()));
            await(sleep(0));
            log.add("n_waiting " + barrier.nWaiting() + " " + barrier);
        }
        log.add("indexes " + await(outcomes(tasks)));
        log.add("n_waiting " + barrier.nWaiting() + ", broken " + barrier.broken());
        return result();
    }

    /** test_filling_one_task_twice: a barrier of one never waits; both get index 0. */
    @Async
    public static Coroutine<Void> fillingOneTaskTwice(List<String> log) {
        Barrier barrier = new Barrier(1);
        Future<Integer> t1 = ensureFuture(barrier.arriveAndWait());
        await(sleep(0));
        log.add("n_waiting " + barrier.nWaiting());
        Future<Integer> t2 = ensureFuture(barrier.arriveAndWait());
        await(sleep(0));
        log.add(t1.result() + " " + t2.result() + ", n_waiting " + barrier.nWaiting() + ", broken " + barrier.broken());
        return result();
    }

    @Async
    static Coroutine<Integer> twice(Barrier barrier, List<String> first, List<Integer> second) {
        await(barrier.arriveAndWait());
        first.add(barrier.toString().contains("draining") ? "draining" : "not draining");
        int index = await(barrier.arriveAndWait());
        second.add(index);
        return result(index);
    }

    /** test_draining_state and test_filling_tasks_check_return_value: the barrier is cyclic. */
    @Async
    public static Coroutine<Void> cyclic(List<String> log) {
        Barrier barrier = new Barrier(5);
        List<String> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(createTask(twice(barrier, first, second)));
        }
        log.add("results " + await(outcomes(tasks)));
        log.add("first " + first);
        log.add("second " + second);
        log.add("n_waiting " + barrier.nWaiting() + ", broken " + barrier.broken());
        return result();
    }

    @Async
    static Coroutine<Void> waitThenMark(Barrier barrier, List<String> results) {
        await(barrier.arriveAndWait());
        results.add("passed");
        return result();
    }

    /** test_filling_tasks_cancel_one: a cancelled waiter leaves the barrier. */
    @Async
    public static Coroutine<Void> fillingTasksCancelOne(List<String> log) {
        Barrier barrier = new Barrier(3);
        List<String> results = new ArrayList<>();
        Task<Void> t1 = createTask(waitThenMark(barrier, results));
        await(sleep(0));
        log.add("n_waiting " + barrier.nWaiting());
        Task<Void> t2 = createTask(waitThenMark(barrier, results));
        await(sleep(0));
        log.add("n_waiting " + barrier.nWaiting());
        t1.cancel();
        await(sleep(0));
        log.add("n_waiting " + barrier.nWaiting() + ", t1 " + await(outcome(t1)));
        Task<Void> t3 = createTask(waitThenMark(barrier, results));
        await(sleep(0));
        log.add("n_waiting " + barrier.nWaiting());
        Task<Void> t4 = createTask(waitThenMark(barrier, results));
        log.add(String.valueOf(await(outcomes(List.of(t2, t3, t4)))));
        log.add(results + ", n_waiting " + barrier.nWaiting() + ", broken " + barrier.broken());
        return result();
    }

    @Async
    static Coroutine<String> waitCatchingBroken(Barrier barrier) {
        try {
            return result("index " + await(barrier.arriveAndWait()));
        } catch (BrokenBarrierError e) {
            return result("broken: " + e.getMessage());
        }
    }

    /** test_reset_barrier and test_reset_barrier_while_tasks_waiting: waiters get BrokenBarrierError. */
    @Async
    public static Coroutine<Void> resetWhileTasksWaiting(List<String> log) {
        Barrier empty = new Barrier(1);
        await(empty.reset());
        log.add("empty: n_waiting " + empty.nWaiting() + ", broken " + empty.broken());
        Barrier barrier = new Barrier(5);
        List<Task<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasks.add(createTask(waitCatchingBroken(barrier)));
        }
        await(sleep(0));
        log.add(barrier.toString());
        ensureFuture(barrier.reset());
        await(sleep(0));
        log.add(barrier.toString());
        log.add(String.valueOf(await(outcomes(tasks))));
        log.add(barrier.toString());
        return result();
    }

    /** test_abort_barrier, plus the messages: waiters at the abort, and arrivals after it. */
    @Async
    public static Coroutine<Void> abort(List<String> log) {
        Barrier barrier = new Barrier(3);
        List<Task<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            tasks.add(createTask(waitCatchingBroken(barrier)));
        }
        await(sleep(0));
        await(barrier.abort());
        log.add(barrier + ", n_waiting " + barrier.nWaiting() + ", broken " + barrier.broken());
        log.add(String.valueOf(await(outcomes(tasks))));
        log.add("late: " + await(waitCatchingBroken(barrier)));
        await(barrier.reset());
        log.add(barrier + ", broken " + barrier.broken());
        return result();
    }

    @Async
    static Coroutine<Void> abortHalfway(Barrier barrier, int[] count, int blocking, List<String> results1, List<String> results2) {
        try {
            await(barrier.arriveAndWait());
        } catch (BrokenBarrierError e) {
            results1.add("broken while draining");
            return result();
        }
        count[0]++;
        if (count[0] > blocking) {
            await(barrier.abort());
        } else {
            try {
                await(barrier.arriveAndWait());
            } catch (BrokenBarrierError e) {
                results2.add("broken while blocked");
            }
        }
        return result();
    }

    /** test_abort_barrier_when_tasks_half_draining_half_blocking. */
    @Async
    public static Coroutine<Void> abortHalfDrainingHalfBlocking(List<String> log) {
        int n = 5;
        Barrier barrier = new Barrier(n);
        int[] count = {0};
        List<String> results1 = new ArrayList<>();
        List<String> results2 = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(createTask(abortHalfway(barrier, count, n / 2, results1, results2)));
        }
        await(outcomes(tasks));
        log.add("broken " + barrier.broken() + ", " + results1.size() + " " + results2.size()
                + ", n_waiting " + barrier.nWaiting());
        return result();
    }

    @Async
    static Coroutine<Void> abortOnError(Barrier barrier, int n, List<String> results1, List<String> results2) {
        try {
            int i = await(barrier.arriveAndWait());
            if (i == n / 2) {
                throw new IllegalArgumentException("boom");
            }
            await(barrier.arriveAndWait());
            results1.add("passed");
        } catch (BrokenBarrierError e) {
            results2.add("broken");
        } catch (IllegalArgumentException e) {
            await(barrier.abort());
        }
        return result();
    }

    /** test_abort_barrier_when_exception: one party fails and aborts; the others break. */
    @Async
    public static Coroutine<Void> abortWhenException(List<String> log) {
        int n = 5;
        Barrier barrier = new Barrier(n);
        List<String> results1 = new ArrayList<>();
        List<String> results2 = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(createTask(abortOnError(barrier, n, results1, results2)));
        }
        await(outcomes(tasks));
        log.add("broken " + barrier.broken() + ", passed " + results1.size() + ", broken " + results2.size()
                + ", n_waiting " + barrier.nWaiting());
        return result();
    }

    @Async
    static Coroutine<Void> abortThenReset(Barrier barrier1, Barrier barrier2, int n, List<String> results) {
        try {
            int i = await(barrier1.arriveAndWait());
            if (i == n / 2) {
                throw new IllegalArgumentException("boom");
            }
            await(barrier1.arriveAndWait());
            results.add("passed");
        } catch (BrokenBarrierError e) {
            results.add("broken");
        } catch (IllegalArgumentException e) {
            await(barrier1.abort());
        }
        int i = await(barrier2.arriveAndWait());
        if (i == n / 2) {
            await(barrier1.reset());
        }
        await(barrier2.arriveAndWait());
        await(barrier1.arriveAndWait());
        results.add("again");
        return result();
    }

    /** test_abort_barrier_when_exception_then_resetting: a reset repairs an aborted barrier. */
    @Async
    public static Coroutine<Void> abortThenResetting(List<String> log) {
        int n = 5;
        Barrier barrier1 = new Barrier(n);
        Barrier barrier2 = new Barrier(n);
        List<String> results = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(createTask(abortThenReset(barrier1, barrier2, n, results)));
        }
        log.add(String.valueOf(await(outcomes(tasks))));
        log.add("broken " + barrier1.broken() + ", passed " + count(results, "passed") + ", broken "
                + count(results, "broken") + ", again " + count(results, "again") + ", n_waiting " + barrier1.nWaiting());
        return result();
    }

    private static long count(List<String> results, String what) {
        return results.stream().filter(what::equals).count();
    }
}
