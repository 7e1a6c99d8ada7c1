package io.jasyncio.benchmarks;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code await} on a future that is already done, a million times in one
 * {@code @Async} method, beside the same loop over {@link CompletableFuture#getNow} of a
 * completed {@code CompletableFuture}. With {@code -prof gc}, {@code gc.alloc.rate.norm} is
 * the bytes per await; the task, the frame and the loop iteration around the million awaits
 * are shared by all of them.
 *
 * <p>{@code futures} is how many distinct done futures the loop awaits in turn. With one, the
 * JIT may hoist the await's plain field reads out of the loop (jasyncio's future is not
 * volatile, CompletableFuture's result is), so the loop no longer awaits anything per
 * iteration; with 1,024 each iteration reads a different future, so every await is done.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class AwaitDoneBenchmark {
    /** Awaits (or getNow calls) per benchmark invocation. */
    static final int AWAITS = 1_000_000;

    /** The result of both futures: a cached Integer, so that no variant boxes anything. */
    private static final Integer ONE = 1;

    /** Distinct done futures, awaited in turn; a power of two. */
    @Param({"1", "1024"})
    public int futures;

    private EventLoop loop;
    private Future<Integer>[] done;
    private CompletableFuture<Integer>[] completed;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        if (Integer.bitCount(futures) != 1) {
            throw new IllegalArgumentException("futures must be a power of two, got " + futures);
        }
        loop = EventLoop.newEventLoop();
        done = new Future[futures];
        completed = new CompletableFuture[futures];
        for (int i = 0; i < futures; i++) {
            done[i] = loop.createFuture();
            done[i].setResult(ONE);
            completed[i] = CompletableFuture.completedFuture(ONE);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
    }

    /** One task on a loop run by the JMH thread: {@code sum += await(done[i % futures])}, a million times. */
    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long jasyncio() {
        return loop.runUntilComplete(awaitDone(done, AWAITS));
    }

    /** The same loop over {@code getNow} of completed CompletableFutures, on the JMH thread. */
    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long completableFutureGetNow() {
        CompletableFuture<Integer>[] f = completed;
        int mask = f.length - 1;
        long sum = 0;
        for (int i = 0; i < AWAITS; i++) {
            sum += f[i & mask].getNow(0);
        }
        return sum;
    }

    @Async
    static Coroutine<Long> awaitDone(Future<Integer>[] done, int n) {
        int mask = done.length - 1;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(done[i & mask]);
        }
        return result(sum);
    }
}
