package io.jasyncio.benchmarks;

import java.util.concurrent.CountDownLatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Workload 2: the JMH thread submits a million no-op callbacks to a loop running on another
 * thread ({@code callSoonThreadsafe}, Netty's {@code execute} from a foreign thread) and
 * waits until the last one has run, so the figure is end-to-end throughput of producer,
 * hand-off and consumer together.
 */
@State(Scope.Benchmark)
public class CallSoonThreadsafeBenchmark extends PeerBenchmark {
    @Param({Peer.JASYNCIO, Peer.NETTY_NIO, Peer.NETTY_DEFAULT, Peer.JDK_SINGLE_THREAD})
    public String peer;

    @Override
    String peerName() {
        return peer;
    }

    @Benchmark
    @OperationsPerInvocation(OPERATIONS)
    public void callSoonThreadsafe() throws InterruptedException {
        Peer loop = this.loop;
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < OPERATIONS; i++) {
            loop.submit(NOOP);
        }
        loop.submit(done::countDown);
        done.await();
    }
}
