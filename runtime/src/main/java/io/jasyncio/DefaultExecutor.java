package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loop's default executor, for {@code runInExecutor(null, ...)} and {@code toThread}: a pool
 * of daemon threads (up to the processors plus four, at most 32) created on first use, whose
 * idle threads end after a minute. Shut down by {@link EventLoop#shutdownDefaultExecutor()},
 * which waits for its threads without blocking the loop, or at once when the loop closes.
 */
final class DefaultExecutor {
    private ThreadPoolExecutor pool;
    private boolean shutdownCalled;

    /**
     * The pool, created on first use.
     *
     * @throws IllegalStateException after {@link #shutdown}
     */
    Executor get() {
        if (shutdownCalled) {
            throw new IllegalStateException("Executor shutdown has been called");
        }
        if (pool == null) {
            int threads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            ThreadFactory factory = new ThreadFactory() {
                private final AtomicInteger count = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "jasyncio-executor-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            };
            ThreadPoolExecutor executor = new ThreadPoolExecutor(
                    threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
            executor.allowCoreThreadTimeOut(true);
            pool = executor;
        }
        return pool;
    }

    /**
     * Shuts the pool down and finishes once its threads have finished their work: a thread of
     * its own waits for them and tells {@code loop}, which goes on meanwhile.
     */
    @Async
    Coroutine<Void> shutdown(EventLoop loop) {
        shutdownCalled = true;
        ThreadPoolExecutor executor = pool;
        if (executor != null) {
            Future<Void> finished = loop.createFuture();
            Thread joiner = new Thread(() -> {
                executor.shutdown();
                boolean interrupted = false;
                while (true) {
                    try {
                        if (executor.awaitTermination(1, TimeUnit.DAYS)) {
                            break;
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                loop.callSoonThreadsafe(() -> {
                    if (!finished.done()) {
                        finished.setResult(null);
                    }
                });
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }, "jasyncio-executor-shutdown");
            joiner.setDaemon(true);
            joiner.start();
            await(finished);
        }
        return result();
    }

    /** The loop closes: the pool stops taking work, and nothing waits for it. */
    void shutdownNow() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
