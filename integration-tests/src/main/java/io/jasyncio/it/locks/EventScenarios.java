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
import io.jasyncio.Event;
import io.jasyncio.Future;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;

/** CPython 3.11 test_locks.EventTests as {@code @Async} code; each scenario logs what Python asserts. */
public final class EventScenarios {
    private EventScenarios() {}

    @Async
    static Coroutine<Void> appendWhenSet(Event event, List<Integer> woken, int tag) {
        if (await(event.waitSet())) {
            woken.add(tag);
        }
        return result();
    }

    /** test_wait: t1, t2 waiting, t3 created but not started; set() gives [3, 1, 2]. */
    @Async
    public static Coroutine<Void> waitOrder(List<String> log) {
        Event event = new Event();
        log.add("set " + event.isSet());
        List<Integer> woken = new ArrayList<>();
        Task<Void> t1 = createTask(appendWhenSet(event, woken, 1));
        Task<Void> t2 = createTask(appendWhenSet(event, woken, 2));
        await(sleep(0));
        log.add(woken.toString());
        Task<Void> t3 = createTask(appendWhenSet(event, woken, 3));
        event.set();
        await(sleep(0));
        log.add(woken.toString());
        log.add(t1.done() + " " + t1.result() + " " + t2.done() + " " + t2.result() + " " + t3.done() + " " + t3.result());
        return result();
    }

    /** test_wait_on_set: no suspension at all. */
    @Async
    public static Coroutine<Boolean> waitOnSet() {
        Event event = new Event();
        event.set();
        return result(await(event.waitSet()));
    }

    /** test_wait_cancel: the cancelled waiter leaves no waiter behind. */
    @Async
    public static Coroutine<Void> waitCancel(List<String> log) {
        Event event = new Event();
        Future<Boolean> wait = ensureFuture(event.waitSet());
        getRunningLoop().callSoon(() -> wait.cancel());
        log.add(await(outcome(wait)));
        log.add(event.toString());
        return result();
    }

    /** test_clear_with_waiters: set(); clear() still releases the waiter. */
    @Async
    public static Coroutine<Void> clearWithWaiters(List<String> log) {
        Event event = new Event();
        List<Integer> woken = new ArrayList<>();
        Task<Void> t = createTask(appendWhenSet(event, woken, 1));
        await(sleep(0));
        log.add(woken.toString());
        event.set();
        event.clear();
        log.add("set " + event.isSet());
        event.set();
        event.set();
        log.add(event.toString());
        await(sleep(0));
        log.add(woken.toString());
        log.add(event.toString());
        log.add("done " + t.done());
        return result();
    }
}
