package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.internal.CoroutineFrame;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What each debug-mode feature costs per use, apart from the others: it lives in the runtime's
 * package to call the features themselves. Each benchmark is one use; multiplied by how often
 * a workload uses it (a creation site per task and per callback, a watch per coroutine, a
 * timing per callback or task step), it explains the debug-on figures of the loop benchmarks.
 *
 * <ul>
 *   <li>{@link #creationSite}: a task's or a handle's creation site, the user's frames of the
 *       stack kept in a weak map, taken {@code depth} frames below the benchmark;</li>
 *   <li>{@link #coroutineWatch}: the never-awaited watch of one coroutine, created then
 *       started (its creation site, its weak map entry and its {@code Cleaner} registration,
 *       then their removal);</li>
 *   <li>{@link #stepTiming}: what timing one task step adds: two clock reads and the line
 *       where its innermost coroutine is;</li>
 *   <li>{@link #baseline}: creating the object alone, to subtract.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class DebugFeatureBenchmark {
    /** Java frames between the benchmark and the code that takes the creation site. */
    @Param({"0", "50"})
    int depth;

    private EventLoop loop;
    private Task<Integer> suspended;

    @Setup(Level.Trial)
    public void setUp() {
        loop = EventLoop.newEventLoop();
        Future<Integer> never = loop.createFuture();
        suspended = loop.createTask(waitFor(never), "suspended");
        loop.runUntilComplete(Asyncio.sleep(0));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        suspended.cancel();
        loop.runUntilComplete(Asyncio.sleep(0));
        loop.close();
    }

    @Async
    static Coroutine<Integer> waitFor(Future<Integer> future) {
        return result(await(future));
    }

    @Benchmark
    public Object baseline() {
        return below(depth, () -> new Object());
    }

    @Benchmark
    public Object creationSite() {
        return below(depth, () -> {
            Object created = new Object();
            CreationSites.remember(created);
            return created;
        });
    }

    @Benchmark
    public Object coroutineWatch() {
        return below(depth, () -> {
            CoroutineFrame<Integer> frame = (CoroutineFrame<Integer>) Asyncio.<Integer>result(1);
            NeverAwaited.INSTANCE.created(frame);
            NeverAwaited.INSTANCE.started(frame);
            return frame;
        });
    }

    @Benchmark
    public long stepTiming() {
        long start = System.nanoTime();
        StackTraceElement at = suspended.innermostLocation();
        return System.nanoTime() - start + (at == null ? 0 : 1);
    }

    private interface Use {
        Object run();
    }

    /** Runs {@code use} {@code frames} Java frames deeper than here. */
    private static Object below(int frames, Use use) {
        return frames == 0 ? use.run() : below(frames - 1, use);
    }
}
