package io.jasyncio.it.groups;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.TaskGroup;
import java.util.ArrayList;
import java.util.List;

/** TaskGroup used the way users would, with children that log how they end. */
public class Groups {
    private final List<String> log;

    public Groups(List<String> log) {
        this.log = log;
    }

    /** Sleeps, then returns its name or fails with it; logs a cancellation. */
    @Async
    public Coroutine<String> child(String name, double delay, boolean fail) {
        log.add(name + " started");
        try {
            await(sleep(delay));
        } catch (CancelledError e) {
            log.add(name + " cancelled");
            throw e;
        }
        if (fail) {
            throw new IllegalStateException(name + " failed");
        }
        return result(name);
    }

    /** Children in a group, joined; returns their results. */
    @Async
    public Coroutine<List<String>> all(double... delays) {
        List<Task<String>> tasks = new ArrayList<>();
        try (TaskGroup group = new TaskGroup()) {
            for (int i = 0; i < delays.length; i++) {
                tasks.add(group.createTask(child("c" + i, delays[i], false)));
            }
            await(group.join());
        }
        List<String> results = new ArrayList<>();
        for (Task<String> task : tasks) {
            results.add(task.result());
        }
        return result(results);
    }

    /** One child fails at {@code failAt}, one runs long, and the body awaits something long too. */
    @Async
    public Coroutine<String> firstFailureCancelsTheRest(double failAt, boolean bodyAwaitsFirst) {
        TaskGroup group = new TaskGroup();
        group.createTask(child("long", 100, false));
        group.createTask(child("failing", failAt, true));
        try {
            if (bodyAwaitsFirst) {
                await(sleep(50));
                log.add("body not interrupted");
            }
        } catch (CancelledError e) {
            log.add("body cancelled");
            await(group.join(e));
            return result("unreachable");
        }
        await(group.join());
        return result("unreachable");
    }

    /** The body fails after starting children. */
    @Async
    public Coroutine<String> bodyFails() {
        TaskGroup group = new TaskGroup();
        group.createTask(child("child", 10, false));
        try {
            await(sleep(1));
            throw new IllegalArgumentException("body failed");
        } catch (IllegalArgumentException e) {
            await(group.join(e));
        }
        return result("unreachable");
    }

    /** Starts children and returns without joining: close() cancels them. */
    @Async
    public Coroutine<String> leavesEarly() {
        TaskGroup group = new TaskGroup();
        try {
            group.createTask(child("orphan", 10, false));
            await(sleep(1));
        } finally {
            group.close();
        }
        return result("left");
    }

    /** Leaves without joining a child that fails when it is cancelled. */
    @Async
    public Coroutine<String> leavesEarlyWithAChildFailingOnCancel() {
        TaskGroup group = new TaskGroup();
        try {
            group.createTask(failsWhenCancelled());
            await(sleep(1));
        } finally {
            group.close();
        }
        return result("left");
    }

    /** Joins a group of two long children (for outside cancels). */
    @Async
    public Coroutine<String> joinLong(boolean secondFailsOnCancel) {
        TaskGroup group = new TaskGroup();
        group.createTask(child("a", 100, false));
        group.createTask(secondFailsOnCancel ? failsWhenCancelled() : child("b", 100, false));
        await(group.join());
        return result("unreachable");
    }

    @Async
    public Coroutine<String> failsWhenCancelled() {
        try {
            await(sleep(100));
        } catch (CancelledError e) {
            throw new IllegalStateException("failed while cancelled");
        }
        return result("unreachable");
    }

    /** What createTask says once the group is done. */
    @Async
    public Coroutine<String> createAfterJoin() {
        TaskGroup group = new TaskGroup();
        await(group.join());
        try {
            group.createTask(child("late", 1, false));
            return result("accepted");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }
}
