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
 * A chain of {@link #DEPTH} nested coroutine awaits ({@code chain(1000)} awaits
 * {@code chain(999)}, ..., {@code chain(1)} returns at once) that completes without ever
 * suspending the task. One operation is one whole chain, so with {@code -prof gc}
 * {@code gc.alloc.rate.norm} is the bytes per chain: 1,000 frames and, if the target is met,
 * nothing else. The value passed up is one cached Integer, so no level boxes.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class AwaitChainBenchmark {
    /** Coroutine calls (frames) per chain. */
    static final int DEPTH = 1_000;
    /** Chains per benchmark invocation, all awaited by one task. */
    static final int CHAINS = 1_000;

    private static final Integer LEAF = 7;

    /** Chains per second; one task awaits {@link #CHAINS} chains of {@link #DEPTH} frames. */
    @Benchmark
    @OperationsPerInvocation(CHAINS)
    public long jasyncio(JasyncioLoop state) {
        return state.loop.runUntilComplete(chains(CHAINS, DEPTH));
    }

    @Async
    static Coroutine<Long> chains(int count, int depth) {
        long sum = 0;
        for (int k = 0; k < count; k++) {
            sum += await(chain(depth));
        }
        return result(sum);
    }

    /** {@code depth} nested calls; the innermost returns without awaiting anything. */
    @Async
    static Coroutine<Integer> chain(int depth) {
        if (depth == 1) {
            return result(LEAF);
        }
        return result(await(chain(depth - 1)));
    }
}
