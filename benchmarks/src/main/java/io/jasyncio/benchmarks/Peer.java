package io.jasyncio.benchmarks;

import io.jasyncio.EventLoop;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One single-threaded executor under test, running on a thread of its own. Every benchmark
 * drives jasyncio and its peers through this one interface, so each workload has exactly
 * the same shape for all of them: the JMH thread hands work to the executor's thread and
 * waits for it, and only the calls below differ.
 */
abstract class Peer {
    /** The names accepted by {@link #start}, for {@code @Param}. */
    static final String JASYNCIO = "jasyncio";
    static final String NETTY_NIO = "nettyNio";
    static final String NETTY_DEFAULT = "nettyDefault";
    static final String JDK_SINGLE_THREAD = "jdkSingleThread";

    static Peer start(String name) {
        return switch (name) {
            case JASYNCIO -> new Jasyncio();
            case NETTY_NIO -> new Netty(new NioEventLoopGroup(1));
            case NETTY_DEFAULT -> new Netty(new DefaultEventLoop());
            case JDK_SINGLE_THREAD -> new Jdk();
            default -> throw new IllegalArgumentException("unknown peer " + name);
        };
    }

    /** Schedules {@code callback}; only called on the executor's own thread. */
    abstract void execute(Runnable callback);

    /** Schedules {@code callback}; called from a thread other than the executor's. */
    abstract void submit(Runnable callback);

    /** Schedules {@code callback} after {@code delayNanos}; only called on the executor's own thread. */
    abstract void schedule(Runnable callback, long delayNanos);

    /** Stops the executor and waits for its thread to end. */
    abstract void close() throws InterruptedException;

    /** A jasyncio loop in {@code runForever()} on a dedicated thread, as an application runs it. */
    private static final class Jasyncio extends Peer {
        private final EventLoop loop = EventLoop.newEventLoop();
        private final Thread thread = new Thread(loop::runForever, "jasyncio-loop");

        Jasyncio() {
            thread.start();
        }

        @Override
        void execute(Runnable callback) {
            loop.callSoon(callback);
        }

        @Override
        void submit(Runnable callback) {
            loop.callSoonThreadsafe(callback);
        }

        @Override
        void schedule(Runnable callback, long delayNanos) {
            loop.callLater(delayNanos * 1e-9, callback);
        }

        @Override
        void close() throws InterruptedException {
            loop.stop();
            thread.join();
            loop.close();
        }
    }

    /**
     * A Netty event loop: the one of a {@code NioEventLoopGroup(1)} (what a Netty server runs
     * on) or a {@code DefaultEventLoop} (no selector, a blocking task queue). Netty's own
     * {@code execute} and {@code schedule} tell the calling thread apart themselves.
     */
    private static final class Netty extends Peer {
        private final EventLoopGroup group;
        private final EventExecutor loop;

        Netty(EventLoopGroup group) {
            this.group = group;
            this.loop = group.next();
        }

        @Override
        void execute(Runnable callback) {
            loop.execute(callback);
        }

        @Override
        void submit(Runnable callback) {
            loop.execute(callback);
        }

        @Override
        void schedule(Runnable callback, long delayNanos) {
            loop.schedule(callback, delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        void close() throws InterruptedException {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).await();
        }
    }

    /** {@code Executors.newSingleThreadExecutor()}: the JDK's baseline, without timers. */
    private static final class Jdk extends Peer {
        private final ExecutorService executor = Executors.newSingleThreadExecutor();

        @Override
        void execute(Runnable callback) {
            executor.execute(callback);
        }

        @Override
        void submit(Runnable callback) {
            executor.execute(callback);
        }

        @Override
        void schedule(Runnable callback, long delayNanos) {
            throw new UnsupportedOperationException("a single-thread executor has no timers");
        }

        @Override
        void close() throws InterruptedException {
            executor.shutdown();
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the executor did not terminate");
            }
        }
    }
}
