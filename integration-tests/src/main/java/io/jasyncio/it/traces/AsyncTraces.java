package io.jasyncio.it.traces;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.emit;
import static io.jasyncio.Asyncio.end;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.timeout;
import static io.jasyncio.Asyncio.waitFor;

import io.jasyncio.Async;
import io.jasyncio.AsyncGenerator;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.ReturnWhen;
import io.jasyncio.Task;
import io.jasyncio.TaskGroup;
import io.jasyncio.Timeout;
import java.util.List;

/**
 * Failures deep in chains of coroutines, for the async stack trace tests. Each line a test
 * expects in a trace carries a marker comment ({@code // @name}) that the test looks up in
 * this file, so the expected lines come from the source, not from the code under test.
 */
public final class AsyncTraces {
    private AsyncTraces() {}

    /** main -> a -> b -> c; c throws, after a real suspension if {@code suspend}. */
    @Async
    public static Coroutine<Integer> main(boolean suspend) {
        int v = await(a(suspend)); // @main
        return result(v + 1);
    }

    @Async
    static Coroutine<Integer> a(boolean suspend) {
        int v = await(b(suspend)); // @a
        return result(v + 1);
    }

    @Async
    static Coroutine<Integer> b(boolean suspend) {
        int v = await(c(suspend)); // @b
        return result(v + 1);
    }

    @Async
    static Coroutine<Integer> c(boolean suspend) {
        if (suspend) {
            await(sleep(0.01)); // @c-sleep
        }
        throw new IllegalStateException("thrown in c"); // @c-throw
    }

    /**
     * generatorMain -> consume, which walks failingGenerator; the generator fails at its second
     * value, after a real suspension if {@code suspend}.
     */
    @Async
    public static Coroutine<Integer> generatorMain(boolean suspend) {
        int v = await(consume(failingGenerator(suspend))); // @generator-main
        return result(v);
    }

    @Async
    static Coroutine<Integer> consume(AsyncGenerator<Integer> values) {
        int sum = 0;
        while (await(values.hasNext())) { // @consume
            sum += values.next();
        }
        return result(sum);
    }

    @Async
    static AsyncGenerator<Integer> failingGenerator(boolean suspend) {
        await(emit(1));
        if (suspend) {
            await(sleep(0.01));
        }
        throw new IllegalStateException("thrown in the generator"); // @generator-throw
    }

    /** A task awaiting another task: outer awaits inner's task, whose coroutine fails. */
    @Async
    public static Coroutine<Integer> outerTask() {
        Task<Integer> inner = createTask(innerTask());
        return result(await(inner) + 1); // @outer-await
    }

    @Async
    static Coroutine<Integer> innerTask() {
        await(sleep(0.01));
        return result(await(leaf()) + 1); // @inner-await
    }

    @Async
    static Coroutine<Integer> leaf() {
        throw new IllegalStateException("thrown in leaf"); // @leaf-throw
    }

    /** waitFor's timeout, three coroutines down. */
    @Async
    public static Coroutine<Void> waitForTop() {
        await(waitForMiddle()); // @wf-top
        return result();
    }

    @Async
    static Coroutine<Void> waitForMiddle() {
        await(waitForBottom()); // @wf-middle
        return result();
    }

    @Async
    static Coroutine<Void> waitForBottom() {
        await(waitFor(sleep(10), 0.1)); // @wf-bottom
        return result();
    }

    /** A failure gathered from a child task. */
    @Async
    public static Coroutine<Integer> gatherTop() {
        List<Integer> values = await(gather(gathered(1), gathered(2))); // @gather-top
        return result(values.size());
    }

    @Async
    static Coroutine<Integer> gathered(int n) {
        await(sleep(0.01 * n));
        if (n == 2) {
            throw new IllegalArgumentException("gathered " + n); // @gathered-throw
        }
        return result(n);
    }

    /** A timeout block expiring around an await, one coroutine down. */
    @Async
    public static Coroutine<Void> timeoutTop() {
        await(timeoutBlock()); // @timeout-top
        return result();
    }

    @Async
    static Coroutine<Void> timeoutBlock() {
        try (Timeout t = timeout(0.1)) {
            await(sleep(10)); // @timeout-sleep
        }
        return result();
    }

    /** A task group whose child fails: the group's error arrives at the join. */
    @Async
    public static Coroutine<Void> groupTop() {
        await(groupJoin()); // @group-top
        return result();
    }

    @Async
    static Coroutine<Void> groupJoin() {
        TaskGroup group = new TaskGroup();
        group.createTask(gathered(2));
        await(group.join()); // @group-join
        return result();
    }

    /** Cancelled while waiting in {@code Asyncio.wait}: the cancellation passes through it. */
    @Async
    public static Coroutine<Void> waitTop(List<Task<?>> started) {
        await(waitMiddle(started)); // @wait-top
        return result();
    }

    @Async
    static Coroutine<Void> waitMiddle(List<Task<?>> started) {
        Task<Void> sleeper = createTask(sleep(10));
        started.add(sleeper);
        await(Asyncio.wait(List.of(sleeper), ReturnWhen.ALL_COMPLETED)); // @wait-middle
        return result();
    }

    /** The failure crosses an await inside a loop, a switch and a try/finally whose finally awaits. */
    @Async
    public static Coroutine<Integer> constructsTop(int rounds) {
        int total = 0;
        for (int i = 0; i < rounds; i++) {
            try {
                switch (i % 3) {
                    case 0 -> total += await(sleep(0, 1));
                    case 1 -> total += await(constructsLeaf(i, rounds)); // @constructs-case
                    default -> total += 2;
                }
            } finally {
                total += await(sleep(0, 10)); // @constructs-finally
            }
        }
        return result(total);
    }

    @Async
    static Coroutine<Integer> constructsLeaf(int i, int rounds) {
        await(sleep(0));
        if (i + 3 >= rounds) {
            throw new UnsupportedOperationException("round " + i); // @constructs-throw
        }
        return result(i);
    }

    /**
     * {@code n} nested awaits of itself, deeper than the runtime nests coroutines on the Java
     * stack; the innermost throws, after a real suspension if {@code suspend}.
     */
    @Async
    public static Coroutine<Integer> deep(int n, boolean suspend) {
        if (n == 0) {
            if (suspend) {
                await(sleep(0.01));
            }
            throw new IllegalStateException("bottom"); // @deep-throw
        }
        return result(await(deep(n - 1, suspend)) + 1); // @deep-await
    }

    /** Resumed after a sleep, so its caller is off the Java stack; then a chain deeper than the nesting limit fails. */
    @Async
    public static Coroutine<Integer> aboveDeep(int n) {
        return result(await(sleepThenDeep(n))); // @above-deep
    }

    @Async
    static Coroutine<Integer> sleepThenDeep(int n) {
        await(sleep(0.01));
        return result(await(deep(n, false))); // @sleep-then-deep
    }

    /** Waits for {@code f}, for the tests of a task's text while it waits. */
    @Async
    public static Coroutine<Integer> waitOn(io.jasyncio.Future<Integer> f) {
        int before = 1; // @wait-on-first
        int v = await(f); // @wait-on
        return result(v + before);
    }

    /** Creates a coroutine and drops it, for debug mode's "never awaited" report. */
    @Async
    @SuppressWarnings("jasyncio:unawaited")
    public static Coroutine<Void> dropOne(io.jasyncio.Future<Integer> f) {
        waitOn(f); // @dropped
        return result();
    }

    /** Starts a task that fails and never looks at it, for debug mode's creation sites. */
    @Async
    public static Coroutine<Void> spawnFailing(java.util.List<Task<?>> started) {
        started.add(createTask(leaf())); // @spawned
        return result();
    }

    /** Awaits a task that awaits {@code gate}, for the call graph tests. */
    @Async
    public static Coroutine<Integer> graphOuter(io.jasyncio.Future<Integer> gate, java.util.List<Task<?>> inner) {
        Task<Integer> task = createTask(graphInner(gate), "inner");
        inner.add(task);
        return result(await(task) + 1); // @graph-outer
    }

    @Async
    static Coroutine<Integer> graphInner(io.jasyncio.Future<Integer> gate) {
        return result(await(graphLeaf(gate)) + 1); // @graph-inner
    }

    /** Gathers one child that awaits {@code gate}, for the call graph tests. */
    @Async
    public static Coroutine<Integer> graphGather(io.jasyncio.Future<Integer> gate, java.util.List<Task<?>> children) {
        Task<Integer> child = createTask(graphLeaf(gate), "gathered");
        children.add(child);
        return result(await(gather(child)).get(0)); // @graph-gather
    }

    /** Waits in a task group for one child that awaits {@code gate}, for the call graph tests. */
    @Async
    public static Coroutine<Integer> graphGroup(io.jasyncio.Future<Integer> gate, java.util.List<Task<?>> children) {
        TaskGroup group = new TaskGroup();
        children.add(group.createTask(graphLeaf(gate), "grouped"));
        await(group.join()); // @graph-group
        return result(children.size());
    }

    @Async
    static Coroutine<Integer> graphLeaf(io.jasyncio.Future<Integer> gate) {
        return result(await(gate) + 1); // @graph-leaf
    }

    /** Asks the running task for its own stack three coroutines down, after a sleep if {@code suspend}. */
    @Async
    public static Coroutine<java.util.List<StackTraceElement>> stackTop(boolean suspend) {
        return result(await(stackMiddle(suspend))); // @stack-top
    }

    @Async
    static Coroutine<java.util.List<StackTraceElement>> stackMiddle(boolean suspend) {
        if (suspend) {
            await(sleep(0.01));
        }
        return result(await(stackLeaf())); // @stack-middle
    }

    @Async
    static Coroutine<java.util.List<StackTraceElement>> stackLeaf() {
        return result(Asyncio.currentTask().getStack()); // @stack-leaf
    }
}
