package io.jasyncio.benchmarks;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.emit;
import static io.jasyncio.Asyncio.end;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.AsyncGenerator;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * 1,000,000 values through an async generator and its consumer ({@code emit}, {@code hasNext},
 * {@code next}), beside Kotlin's {@code flow { emit }.collect} and the JDK's
 * {@code SubmissionPublisher} with a subscriber on another thread (asyncio's async generator
 * is {@code python/asyncgen_bench.py}). The values are boxed once, beforehand, so that what is
 * measured, allocation included, is the handing over. An operation is one value.
 *
 * <p>{@code distinct} is how many different boxed values the million references point to:
 * 1,000,000 (16 MB of {@code Integer}s, read once per pass, so the consumer's first touch of each
 * one comes from memory or the last-level cache) or 1,024 (all in the first-level cache, so only
 * the handing over is measured). Every peer reads the same array.
 *
 * <p>{@code layout} is how those values lie in memory: {@code collected}, moved by two young
 * collections before the first iteration, as the collector moves them in every fork of a peer
 * that allocates (Kotlin's flow boxes each value again) and in any program that has run a
 * while; or {@code allocation}, in the order the setup allocated them, which only a fork that
 * never collects keeps. See {@link YoungCollections}.
 */
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class GeneratorBenchmark {
    static final int VALUES = 1_000_000;

    @Param({"1000000", "1024"})
    public int distinct;

    @Param({"collected", "allocation"})
    public String layout = "collected";

    private Integer[] values;
    private EventLoop loop;
    private ExecutorService subscriberThread;

    @Setup(Level.Trial)
    public void setUp() {
        Integer[] boxed = new Integer[distinct];
        for (int i = 0; i < distinct; i++) {
            boxed[i] = i;
        }
        values = new Integer[VALUES];
        for (int i = 0; i < VALUES; i++) {
            values[i] = boxed[i % distinct];
        }
        switch (layout) {
            case "collected" -> YoungCollections.run(2);
            case "allocation" -> { }
            default -> throw new IllegalArgumentException("layout: collected or allocation, not " + layout);
        }
        loop = EventLoop.newEventLoop();
        subscriberThread = Executors.newSingleThreadExecutor();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        loop.close();
        subscriberThread.shutdown();
        subscriberThread.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Async
    static AsyncGenerator<Integer> numbers(Integer[] values) {
        for (Integer value : values) {
            await(emit(value));
        }
        return end();
    }

    @Async
    static Coroutine<Long> sum(AsyncGenerator<Integer> values) {
        long sum = 0;
        while (await(values.hasNext())) {
            sum += values.next();
        }
        return result(sum);
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long jasyncioGenerator() {
        return loop.runUntilComplete(sum(numbers(values)));
    }

    static final int SHORT_GENERATORS = 1_000;

    @Async
    static AsyncGenerator<Integer> three(int first) {
        await(emit(first));
        await(emit(first + 1));
        await(emit(first + 2));
        return end();
    }

    /** {@link #three}, with a finally block: a close would run code of the generator's. */
    @Async
    static AsyncGenerator<Integer> threeWithFinally(int first, long[] finallyRan) {
        try {
            await(emit(first));
            await(emit(first + 1));
            await(emit(first + 2));
            return end();
        } finally {
            finallyRan[0]++;
        }
    }

    /** Many short generators, each started, run to its end and dropped: what a generator's life costs. */
    @Async
    static Coroutine<Long> sumOfShortGenerators(boolean withFinally) {
        long sum = 0;
        long[] finallyRan = {0};
        for (int i = 0; i < SHORT_GENERATORS; i++) {
            AsyncGenerator<Integer> values = withFinally ? threeWithFinally(i, finallyRan) : three(i);
            while (await(values.hasNext())) {
                sum += values.next();
            }
        }
        return result(sum + finallyRan[0]);
    }

    /** An operation is one generator of three values, created, consumed to its end and dropped. */
    @Benchmark
    @OperationsPerInvocation(SHORT_GENERATORS)
    public long jasyncioShortGenerators() {
        return loop.runUntilComplete(sumOfShortGenerators(false));
    }

    /** {@link #jasyncioShortGenerators()}, each generator with a finally block. */
    @Benchmark
    @OperationsPerInvocation(SHORT_GENERATORS)
    public long jasyncioShortGeneratorsWithFinally() {
        return loop.runUntilComplete(sumOfShortGenerators(true));
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long kotlinFlow() {
        return KotlinFlow.sum(values);
    }

    /** Kotlin's flow without boxing each value again: the same references as the generator's. */
    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long kotlinFlowBoxedOnce() {
        return KotlinFlow.sumBoxedOnce(values);
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long submissionPublisher() throws InterruptedException {
        long[] sum = {0};
        CountDownLatch done = new CountDownLatch(1);
        try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(subscriberThread, 256)) {
            publisher.subscribe(new Flow.Subscriber<>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    this.subscription = subscription;
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(Integer item) {
                    sum[0] += item;
                }

                @Override
                public void onError(Throwable throwable) {
                    done.countDown();
                }

                @Override
                public void onComplete() {
                    done.countDown();
                }
            });
            for (Integer value : values) {
                publisher.submit(value);
            }
        }
        done.await();
        return sum[0];
    }
}
