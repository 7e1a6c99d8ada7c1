package io.jasyncio.benchmarks;

import java.util.concurrent.CountDownLatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Workload 1: a callback running on the loop schedules a million no-op callbacks on its own
 * loop ({@code callSoon}, Netty's in-loop {@code execute}), and they all run. The JMH thread
 * only starts the burst and waits for the last callback, one hand-off per million.
 */
@State(Scope.Benchmark)
public class CallSoonBenchmark extends PeerBenchmark {
    @Param({Peer.JASYNCIO, Peer.NETTY_NIO, Peer.NETTY_DEFAULT, Peer.JDK_SINGLE_THREAD})
    public String peer;

    @Override
    String peerName() {
        return peer;
    }

    @Benchmark
    @OperationsPerInvocation(OPERATIONS)
    public void callSoon() throws InterruptedException {
        Peer loop = this.loop;
        CountDownLatch done = new CountDownLatch(1);
        loop.submit(() -> {
            for (int i = 0; i < OPERATIONS; i++) {
                loop.execute(NOOP);
            }
            loop.execute(done::countDown);
        });
        done.await();
    }
}
