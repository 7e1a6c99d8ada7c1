package io.jasyncio.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Base of the benchmark classes: starts the {@link Peer} named by the subclass's
 * {@code @Param} before the trial and shuts it down after. Results are operations (callbacks
 * or timers) per second, since each invocation performs {@link #OPERATIONS} of them.
 */
@OutputTimeUnit(TimeUnit.SECONDS)
// The same fixed, pre-touched heap for every peer. 1M pending callbacks or timers are tens of
// MB: a heap that grows mid-run would bill one peer for resizing that another escapes, and on
// this VM the first touch of each fresh page of eden costs a page fault that made single
// iterations of a peer up to 2x slower at random.
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public abstract class PeerBenchmark {
    /** Callbacks or timers per benchmark invocation. */
    static final int OPERATIONS = 1_000_000;

    /**
     * The callback scheduled a million times: one shared instance, so that no variant
     * allocates a lambda per call and the allocation measured is the scheduler's own.
     */
    static final Runnable NOOP = () -> { };

    Peer loop;

    /** The {@code @Param} naming the peer under test. */
    abstract String peerName();

    @Setup(Level.Trial)
    public void startPeer() {
        loop = Peer.start(peerName());
    }

    @TearDown(Level.Trial)
    public void stopPeer() throws InterruptedException {
        loop.close();
    }
}
