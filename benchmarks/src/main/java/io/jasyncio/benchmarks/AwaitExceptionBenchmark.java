package io.jasyncio.benchmarks;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What a failure costs: an exception created and thrown by the innermost of {@link #DEPTH}
 * nested coroutine awaits, passing up through every one of them, and caught by the coroutine
 * at the top. One operation is one such throw and catch, with the exception's stack trace
 * filled in as the JVM does by default. The chain never suspends, so this measures the
 * exception's path through the awaits, not the loop.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class AwaitExceptionBenchmark {
    /** Awaits the exception crosses on its way up. */
    static final int DEPTH = 10;
    /** Throws per benchmark invocation, all caught by one task. */
    static final int THROWS = 1_000;

    /** Throw-and-catch operations per second, each across {@link #DEPTH} awaits. */
    @Benchmark
    @OperationsPerInvocation(THROWS)
    public long jasyncio(JasyncioLoop state) {
        return state.loop.runUntilComplete(catchEach(THROWS, DEPTH));
    }

    @Async
    static Coroutine<Long> catchEach(int count, int depth) {
        long caught = 0;
        for (int k = 0; k < count; k++) {
            try {
                await(fail(depth));
            } catch (IllegalStateException e) {
                caught += e.getMessage().length();
            }
        }
        return result(caught);
    }

    /** {@code depth} nested awaits; the innermost throws. */
    @Async
    static Coroutine<Integer> fail(int depth) {
        if (depth == 1) {
            throw new IllegalStateException("innermost");
        }
        return result(await(fail(depth - 1)) + 1);
    }
}
