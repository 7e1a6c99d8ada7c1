package io.jasyncio.benchmarks;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import kotlinx.coroutines.CoroutineDispatcher;
import kotlinx.coroutines.ExecutorsKt;
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
 * Await a pending future that a loop callback completes, a million times: create
 * a future, schedule a callback that completes it with {@code i}, await it, add the value up.
 * Every peer runs the million hand-offs on one thread and is driven the same way: the JMH
 * thread starts the loop and waits for its sum. The callback that completes the future is one
 * reusable object in every variant, so no variant allocates a lambda per iteration; the boxing
 * of {@code i} (16 B, {@code Integer.valueOf}) is part of the workload and paid by all.
 *
 * <ul>
 *   <li>{@link #jasyncio}: one {@code @Async} method, {@code loop.callSoon(completer)},
 *       {@code await(f)}, run with {@code loop.runUntilComplete} on the JMH thread;</li>
 *   <li>{@link #kotlinRunBlocking}: a suspend function awaiting a {@code CompletableDeferred}
 *       that a runnable dispatched on {@code runBlocking}'s event loop (on the JMH thread)
 *       completes;</li>
 *   <li>{@link #kotlinSingleThread}: the same on
 *       {@code Executors.newSingleThreadExecutor().asCoroutineDispatcher()};</li>
 *   <li>{@link #completableFuture}: a loop of {@code CompletableFuture}s on a single-thread
 *       executor, each completed by a task of that executor, the next step attached with
 *       {@code whenComplete};</li>
 *   <li>{@link #virtualThread} (JDK 21 and newer): a virtual thread blocks in
 *       {@code CompletableFuture.join()} on a future that a second virtual thread completes;
 *       both on one carrier thread ({@code jdk.virtualThreadScheduler.parallelism=1}), so the
 *       hand-off is two virtual-thread switches. On JDK 17 it prints that it is skipped and
 *       measures nothing (its score then means nothing; {@code report.py} drops it).</li>
 * </ul>
 */
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class AwaitPendingBenchmark {
    /** Awaits per benchmark invocation. */
    static final int AWAITS = 1_000_000;

    // ---- jasyncio ---------------------------------------------------------------------------


    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long jasyncio(JasyncioLoop state) {
        return state.loop.runUntilComplete(awaitPending(state.loop, AWAITS));
    }

    /** Completes the current iteration's future with the current value: one for all iterations. */
    static final class Completer implements Runnable {
        Future<Integer> future;
        int value;

        @Override
        public void run() {
            future.setResult(value);
        }
    }

    @Async
    static Coroutine<Long> awaitPending(EventLoop loop, int n) {
        Completer completer = new Completer();
        long sum = 0;
        for (int i = 0; i < n; i++) {
            Future<Integer> f = loop.createFuture();
            completer.future = f;
            completer.value = i;
            loop.callSoon(completer);
            sum += await(f);
        }
        return result(sum);
    }

    // ---- Kotlin coroutines ----------------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long kotlinRunBlocking() {
        return KotlinAwait.onRunBlocking(AWAITS);
    }

    @State(Scope.Benchmark)
    public static class KotlinDispatcher {
        ExecutorService executor;
        CoroutineDispatcher dispatcher;

        @Setup(Level.Trial)
        public void setUp() {
            executor = Executors.newSingleThreadExecutor();
            dispatcher = ExecutorsKt.from(executor);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            shutDown(executor);
        }
    }

    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long kotlinSingleThread(KotlinDispatcher state) {
        return KotlinAwait.onDispatcher(state.dispatcher, AWAITS);
    }

    // ---- CompletableFuture ------------------------------------------------------------------

    @State(Scope.Benchmark)
    public static class SingleThreadExecutor {
        ExecutorService executor;

        @Setup(Level.Trial)
        public void setUp() {
            executor = Executors.newSingleThreadExecutor();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            shutDown(executor);
        }
    }

    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long completableFuture(SingleThreadExecutor state) {
        FutureLoop loop = new FutureLoop(state.executor, AWAITS);
        state.executor.execute(loop::next);
        return loop.sum.join();
    }

    /**
     * The loop written with CompletableFutures: each step creates a future, has the executor
     * complete it, and attaches the next step to it. Everything runs on the executor's thread.
     */
    static final class FutureLoop implements BiConsumer<Integer, Throwable>, Runnable {
        private final ExecutorService executor;
        private final int n;
        final CompletableFuture<Long> sum = new CompletableFuture<>();
        private CompletableFuture<Integer> current;
        private int i;
        private long total;

        FutureLoop(ExecutorService executor, int n) {
            this.executor = executor;
            this.n = n;
        }

        void next() {
            if (i == n) {
                sum.complete(total);
                return;
            }
            CompletableFuture<Integer> f = new CompletableFuture<>();
            current = f;
            executor.execute(this);   // completes f with i
            f.whenComplete(this);     // the rest of the loop
        }

        /** The completing callback. */
        @Override
        public void run() {
            current.complete(i);
        }

        /** The continuation: add the value up, go round again. */
        @Override
        public void accept(Integer value, Throwable error) {
            if (error != null) {
                sum.completeExceptionally(error);
                return;
            }
            total += value;
            i++;
            next();
        }
    }

    // ---- virtual threads --------------------------------------------------------------------

    @State(Scope.Benchmark)
    public static class VirtualThreads {
        /** {@code Thread.startVirtualThread(Runnable)}, or null before JDK 21. */
        MethodHandle startVirtualThread;

        @Setup(Level.Trial)
        public void setUp() throws ReflectiveOperationException {
            int feature = Runtime.version().feature();
            if (feature < 21) {
                System.out.println("SKIPPED: AwaitPendingBenchmark.virtualThread needs JDK 21 or newer (this is "
                        + feature + "); it measures nothing here and its score means nothing");
                return;
            }
            startVirtualThread = MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        }
    }

    @Benchmark
    @OperationsPerInvocation(AWAITS)
    @Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch",
            "-Djdk.virtualThreadScheduler.parallelism=1"})
    public long virtualThread(VirtualThreads state) throws Throwable {
        if (state.startVirtualThread == null) {
            return 0;
        }
        HandOff handOff = new HandOff(AWAITS);
        handOff.completer = (Thread) state.startVirtualThread.invokeExact((Runnable) handOff::complete);
        // started after `completer` is set, so the waiter can unpark it from its first iteration
        Thread waiter = (Thread) state.startVirtualThread.invokeExact((Runnable) handOff::await);
        waiter.join();
        handOff.completer.join();
        return handOff.total;
    }

    /** Two virtual threads: one creates a future and blocks on it, the other completes it. */
    static final class HandOff {
        private final int n;
        volatile Thread completer;
        private volatile CompletableFuture<Integer> slot;
        long total;

        HandOff(int n) {
            this.n = n;
        }

        /** The waiter: hand a new future over, block until it is completed, add it up. */
        void await() {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                CompletableFuture<Integer> f = new CompletableFuture<>();
                slot = f;
                LockSupport.unpark(completer);
                sum += f.join();
            }
            total = sum;
        }

        /** The completer: wait for each future and complete it with its index. */
        void complete() {
            for (int i = 0; i < n; i++) {
                CompletableFuture<Integer> f;
                while ((f = slot) == null) {
                    LockSupport.park(this);
                }
                slot = null;
                f.complete(i);
            }
        }
    }

    static void shutDown(ExecutorService executor) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the executor did not terminate");
        }
    }
}
