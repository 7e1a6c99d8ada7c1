package io.jasyncio.benchmarks;

import java.util.concurrent.TimeUnit;
import io.jasyncio.EventLoop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link ToolboxHarness}'s lock and queue workloads under JMH, for same-run comparisons of the
 * runtime's synchronizers and queues: 1,000 tasks contending for one {@code Lock}, 100
 * acquisitions each with a yield while held (an operation is one acquisition); the same with a
 * {@code Semaphore} of 10 permits; 1,000 tasks sleeping 100 times each on a virtual clock (an
 * operation is one sleep); a producer and
 * a consumer passing 1,000,000 items through a {@code Queue} of 100 (an operation is one item).
 */
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ToolboxBenchmark {
    @Benchmark
    @OperationsPerInvocation(1_000 * 100)
    public Object lock(JasyncioLoop state) {
        return state.loop.runUntilComplete(ToolboxHarness.lockContention());
    }

    @Benchmark
    @OperationsPerInvocation(1_000 * 100)
    public Object semaphore(JasyncioLoop state) {
        return state.loop.runUntilComplete(ToolboxHarness.semaphoreContention());
    }

    /** A loop on a virtual clock, so that a sleep costs its work and not its delay. */
    @State(Scope.Benchmark)
    public static class VirtualTimeLoop {
        EventLoop loop;

        @Setup(Level.Trial)
        public void setUp() {
            loop = EventLoop.newVirtualTimeLoop();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            loop.close();
        }
    }

    /** 1,000 tasks each sleeping 100 times for 1 ms of virtual time: an operation is one sleep. */
    @Benchmark
    @OperationsPerInvocation(1_000 * 100)
    public Object sleep(VirtualTimeLoop state) {
        return state.loop.runUntilComplete(ToolboxHarness.sleepingTasks());
    }

    @Benchmark
    @OperationsPerInvocation(1_000_000)
    public long queue(JasyncioLoop state) {
        return state.loop.runUntilComplete(ToolboxHarness.producerConsumer());
    }

    @Benchmark
    @OperationsPerInvocation(1_000_000)
    public long queueItems(JasyncioLoop state) {
        return state.loop.runUntilComplete(ToolboxHarness.producerIteratingConsumer());
    }
}
