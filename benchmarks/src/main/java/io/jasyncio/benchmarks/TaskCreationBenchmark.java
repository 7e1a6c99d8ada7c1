package io.jasyncio.benchmarks;

import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Creating and running tasks: a coroutine creates 100,000 tasks of a coroutine that returns at
 * once, then awaits the last one (each has run by then: tasks start in creation order). An
 * operation is one task created, stepped once and finished.
 */
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class TaskCreationBenchmark {
    static final int TASKS = 100_000;

    @Async
    static Coroutine<Integer> trivial(int i) {
        return result(i);
    }

    @Async
    static Coroutine<Integer> spawn() {
        Task<Integer> last = null;
        for (int i = 0; i < TASKS; i++) {
            last = createTask(trivial(i));
        }
        return result(io.jasyncio.Asyncio.await(last));
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int tasks(JasyncioLoop state) {
        return state.loop.runUntilComplete(spawn());
    }
}
