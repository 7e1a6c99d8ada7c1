package io.jasyncio.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a loop's way of waiting for work from other threads costs when that work does not
 * stream, the other side of {@link CallSoonThreadsafeBenchmark}'s throughput. Two workloads,
 * each {@link Peer} in turn, every callback submitted from the harness's thread:
 * <ul>
 *   <li>{@code pingpong}: one callback at a time, the next one submitted as soon as the
 *       previous has run (the harness spins on a volatile field the callback writes), or
 *       ({@code pingpong_think5us}) 5 microseconds later, a partner doing some work:
 *       percentiles of the round trip, in microseconds;</li>
 *   <li>{@code trickle}: one callback every {@code period} microseconds for a second: the CPU
 *       time of the executor's thread as a share of the wall time, so what it spends waking
 *       up, and spinning if it spins, per callback.</li>
 * </ul>
 * Not JMH: these are latencies and CPU shares, not throughput. Each figure is the median of
 * {@code runs} runs, after one unmeasured run per workload and peer (the JIT's). Printed as
 * JSON. Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * io.jasyncio.benchmarks.HandOffHarness [runs [peer...]]}.
 */
public final class HandOffHarness {
    private static final int ROUND_TRIPS = 20_000;
    /** A partner's time between a reply and its next request: none, and some work. */
    private static final long[] THINK_MICROS = {0, 5};
    private static final long[] TRICKLE_PERIODS_MICROS = {1_000, 100, 20};
    private static final long TRICKLE_NANOS = 1_000_000_000L;
    private static final List<String> PEERS =
            List.of(Peer.JASYNCIO, Peer.NETTY_NIO, Peer.NETTY_DEFAULT, Peer.JDK_SINGLE_THREAD);

    /** The number of the last ping-pong callback that has run. */
    private static volatile int lastRun;

    private HandOffHarness() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> peers = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : PEERS;
        List<String> results = new ArrayList<>();
        for (String name : peers) {
            Peer peer = Peer.start(name);
            try {
                results.add("    \"" + name + "\": {" + measure(peer, runs) + "}");
            } finally {
                peer.close();
            }
        }
        System.out.println("{\n  \"workload\": \"ping-pong of " + ROUND_TRIPS + " round trips; trickles of 1 s\",\n"
                + "  \"runs\": " + runs + ",\n  \"java\": \"" + System.getProperty("java.version")
                + "\",\n  \"results\": {\n" + String.join(",\n", results) + "\n  }\n}");
    }

    private static String measure(Peer peer, int runs) throws Exception {
        List<String> figures = new ArrayList<>();
        for (long think : THINK_MICROS) {
            double[][] percentiles = new double[3][runs];
            pingPong(peer, think);
            for (int run = 0; run < runs; run++) {
                double[] p = pingPong(peer, think);
                for (int i = 0; i < p.length; i++) {
                    percentiles[i][run] = p[i];
                }
            }
            String prefix = think == 0 ? "pingpong_" : "pingpong_think" + think + "us_";
            String[] names = {"p50_us", "p90_us", "p99_us"};
            for (int i = 0; i < names.length; i++) {
                figures.add(figure(prefix + names[i], Median.of(percentiles[i])));
            }
        }
        Thread executorThread = executorThread(peer);
        for (long period : TRICKLE_PERIODS_MICROS) {
            double[] shares = new double[runs];
            trickle(peer, executorThread, period);
            for (int run = 0; run < runs; run++) {
                shares[run] = trickle(peer, executorThread, period);
            }
            figures.add(figure("trickle_" + period + "us_cpu_percent", Median.of(shares)));
        }
        return String.join(", ", figures);
    }

    /**
     * One ping-pong run, the next callback submitted {@code thinkMicros} after the last has
     * run: its round trips' 50th, 90th and 99th percentiles, in microseconds.
     */
    private static double[] pingPong(Peer peer, long thinkMicros) {
        long[] nanos = new long[ROUND_TRIPS];
        lastRun = 0;
        for (int i = 1; i <= ROUND_TRIPS; i++) {
            waitUntil(System.nanoTime() + thinkMicros * 1_000);
            int n = i;
            long start = System.nanoTime();
            peer.submit(() -> lastRun = n);
            while (lastRun != n) {
                Thread.onSpinWait();
            }
            nanos[i - 1] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new double[] {
            nanos[ROUND_TRIPS / 2] / 1e3, nanos[ROUND_TRIPS * 9 / 10] / 1e3, nanos[ROUND_TRIPS * 99 / 100] / 1e3};
    }

    /**
     * One trickle run: a no-op every {@code periodMicros} for a second, then the share of that
     * second, in percent, that the executor's thread spent on a CPU.
     */
    private static double trickle(Peer peer, Thread executorThread, long periodMicros) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long period = periodMicros * 1_000;
        long count = TRICKLE_NANOS / period;
        CompletableFuture<Void> settled = new CompletableFuture<>();
        peer.submit(() -> settled.complete(null));
        settled.get(10, TimeUnit.SECONDS);
        long cpuBefore = threads.getThreadCpuTime(executorThread.getId());
        long start = System.nanoTime();
        for (long i = 1; i <= count; i++) {
            waitUntil(start + i * period);
            peer.submit(PeerBenchmark.NOOP);
        }
        long wall = System.nanoTime() - start;
        long cpu = threads.getThreadCpuTime(executorThread.getId()) - cpuBefore;
        return 100.0 * cpu / wall;
    }

    /** Parks until shortly before {@code deadline}, then spins: parking alone overshoots. */
    private static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (left > 200_000) {
                LockSupport.parkNanos(left - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static Thread executorThread(Peer peer) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        peer.submit(() -> thread.complete(Thread.currentThread()));
        return thread.get(10, TimeUnit.SECONDS);
    }

    private static String figure(String name, double value) {
        return String.format(Locale.ROOT, "\"%s\": %.1f", name, value);
    }
}
