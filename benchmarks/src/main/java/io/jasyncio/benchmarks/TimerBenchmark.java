package io.jasyncio.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Workload 3: a callback on the loop schedules a million timers ({@code callLater}, Netty's
 * in-loop {@code schedule}), then one last timer at the largest delay, which fires after all
 * the others and so tells when they have all fired.
 *
 * <ul>
 *   <li>{@link #schedule}: the time until the million are scheduled, per timer;</li>
 *   <li>{@link #scheduleAndFire}: the time until all have fired, on the real clock. With
 *       {@code random} delays this includes waiting for the 100 ms ones; with {@code zero}
 *       delays every timer is due at once, so it is the CPU cost of the heap in and out.</li>
 * </ul>
 */
@State(Scope.Benchmark)
public class TimerBenchmark extends PeerBenchmark {
    private static final long MAX_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    @Param({Peer.JASYNCIO, Peer.NETTY_NIO})
    public String peer;

    /** {@code random}: uniform in [0, 100 ms]; {@code zero}: all 0. */
    @Param({"random", "zero"})
    public String delays;

    /** The same delays, in the same order, for every peer (fixed seed). */
    private long[] delayNanos;
    private long lastDelayNanos;
    private CountDownLatch scheduled;
    private CountDownLatch fired;

    @Override
    String peerName() {
        return peer;
    }

    @Setup(Level.Trial)
    public void makeDelays() {
        boolean random = switch (delays) {
            case "random" -> true;
            case "zero" -> false;
            default -> throw new IllegalArgumentException("unknown delays " + delays);
        };
        SplittableRandom rng = new SplittableRandom(42);
        delayNanos = new long[OPERATIONS];
        for (int i = 0; i < OPERATIONS; i++) {
            delayNanos[i] = random ? rng.nextLong(MAX_DELAY_NANOS + 1) : 0;
        }
        lastDelayNanos = random ? MAX_DELAY_NANOS : 0;
    }

    // Per-invocation fixtures are fine here: one invocation lasts tens to hundreds of ms.
    @Setup(Level.Invocation)
    public void newLatches() {
        scheduled = new CountDownLatch(1);
        fired = new CountDownLatch(1);
    }

    /** Lets {@link #schedule}'s timers fire outside the measurement, before the next burst. */
    @TearDown(Level.Invocation)
    public void awaitFired() throws InterruptedException {
        fired.await();
    }

    @Benchmark
    @OperationsPerInvocation(OPERATIONS)
    public void schedule() throws InterruptedException {
        startBurst();
        scheduled.await();
    }

    @Benchmark
    @OperationsPerInvocation(OPERATIONS)
    public void scheduleAndFire() throws InterruptedException {
        startBurst();
        fired.await();
    }

    private void startBurst() {
        Peer loop = this.loop;
        long[] delays = delayNanos;
        long last = lastDelayNanos;
        CountDownLatch scheduled = this.scheduled;
        CountDownLatch fired = this.fired;
        loop.submit(() -> {
            for (long delay : delays) {
                loop.schedule(NOOP, delay);
            }
            loop.schedule(fired::countDown, last);
            scheduled.countDown();
        });
    }
}
