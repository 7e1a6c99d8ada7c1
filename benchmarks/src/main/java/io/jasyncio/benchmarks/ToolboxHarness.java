package io.jasyncio.benchmarks;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Asyncio;
import io.jasyncio.Async;
import io.jasyncio.AsyncIterator;
import io.jasyncio.Coroutine;
import io.jasyncio.Lock;
import io.jasyncio.Queue;
import io.jasyncio.Semaphore;
import io.jasyncio.Task;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The workloads of tasks, locks and queues, each run several times with the median reported, printed as JSON
 * (benchmarks/python/toolbox_bench.py runs the same on asyncio):
 * <ul>
 *   <li>{@code sleepers}: 100,000 tasks that each sleep 1 s, gathered: wall time, and heap
 *       retained per task while they all sleep (measured after a full GC);</li>
 *   <li>{@code lock}: 1,000 tasks contend for one Lock, 100 acquisitions each, yielding
 *       while they hold it: acquisitions per second;</li>
 *   <li>{@code queue}: one producer puts 1,000,000 items into a Queue(maxsize 100), one
 *       consumer gets them: items per second.</li>
 * </ul>
 * Not JMH: these are one-shot, second-long workloads whose memory matters as much as their
 * speed. A first round warms the JVM up and is reported apart, as {@code cold_*}: the lock
 * workload lasts about 0.1 s, so in a fresh JVM it measures mostly the JIT compiler's start.
 * Then {@code runs} measured rounds, medians reported. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar io.jasyncio.benchmarks.ToolboxHarness [runs]}.
 */
public final class ToolboxHarness {
    private static final int SLEEPERS = 100_000;
    private static final int CONTENDERS = 1_000;
    private static final int ACQUISITIONS = 100;
    private static final int ITEMS = 1_000_000;
    private static final String[] FIGURES = {
        "sleepers_wall_s", "sleepers_bytes_per_task", "lock_acquisitions_per_s", "queue_items_per_s"};

    private ToolboxHarness() {}

    @Async
    static Coroutine<Void> sleeper() {
        await(sleep(1));
        return result();
    }

    /** Starts the sleepers, measures the heap while they all sleep, then gathers them. */
    @Async
    static Coroutine<Double> sleepers(long baseline) {
        List<Task<Void>> tasks = new ArrayList<>(SLEEPERS);
        for (int i = 0; i < SLEEPERS; i++) {
            tasks.add(createTask(sleeper()));
        }
        await(sleep(0.5));
        double perTask = (usedHeapAfterGc() - baseline) / (double) SLEEPERS;
        await(Asyncio.gather(tasks));
        return result(perTask);
    }

    @Async
    static Coroutine<Void> contender(Lock lock) {
        for (int i = 0; i < ACQUISITIONS; i++) {
            await(lock.acquire());
            try {
                await(sleep(0));
            } finally {
                lock.release();
            }
        }
        return result();
    }

    /** {@link #CONTENDERS} tasks, each running a coroutine from {@code body}, gathered. */
    @Async
    static Coroutine<Void> contenders(Supplier<Coroutine<Void>> body) {
        List<Task<Void>> tasks = new ArrayList<>(CONTENDERS);
        for (int i = 0; i < CONTENDERS; i++) {
            tasks.add(createTask(body.get()));
        }
        await(Asyncio.gather(tasks));
        return result();
    }

    static Coroutine<Void> lockContention() {
        Lock lock = new Lock();
        return contenders(() -> contender(lock));
    }

    @Async
    static Coroutine<Void> permitHolder(Semaphore semaphore) {
        for (int i = 0; i < ACQUISITIONS; i++) {
            await(semaphore.acquire());
            try {
                await(sleep(0));
            } finally {
                semaphore.release();
            }
        }
        return result();
    }

    /** {@link #lockContention()} with a Semaphore of 10 permits: ten holders at a time. */
    static Coroutine<Void> semaphoreContention() {
        Semaphore semaphore = new Semaphore(10);
        return contenders(() -> permitHolder(semaphore));
    }

    @Async
    static Coroutine<Void> napper() {
        for (int i = 0; i < ACQUISITIONS; i++) {
            await(sleep(0.001));
        }
        return result();
    }

    /** {@link #CONTENDERS} tasks, each sleeping {@link #ACQUISITIONS} times for a millisecond. */
    static Coroutine<Void> sleepingTasks() {
        return contenders(ToolboxHarness::napper);
    }

    @Async
    static Coroutine<Void> producer(Queue<Integer> queue) {
        for (int i = 0; i < ITEMS; i++) {
            await(queue.put(i));
        }
        return result();
    }

    @Async
    static Coroutine<Long> consumer(Queue<Integer> queue) {
        long sum = 0;
        for (int i = 0; i < ITEMS; i++) {
            sum += await(queue.get());
        }
        return result(sum);
    }

    @Async
    static Coroutine<Void> producerThenShutdown(Queue<Integer> queue) {
        await(producer(queue));
        queue.shutdown();
        return result();
    }

    /** {@link #consumer}, written as asyncio's {@code async for item in queue}: until shut down. */
    @Async
    static Coroutine<Long> iteratingConsumer(Queue<Integer> queue) {
        long sum = 0;
        AsyncIterator<Integer> items = queue.items();
        while (await(items.hasNext())) {
            sum += items.next();
        }
        return result(sum);
    }

    /** {@link #producerConsumer()} with a consumer that iterates the queue until it is shut down. */
    static Coroutine<Long> producerIteratingConsumer() {
        return producerConsumer(ToolboxHarness::producerThenShutdown, ToolboxHarness::iteratingConsumer);
    }

    static Coroutine<Long> producerConsumer() {
        return producerConsumer(ToolboxHarness::producer, ToolboxHarness::consumer);
    }

    /** {@link #ITEMS} numbers through a queue of 100, from a producer task to the consumer. */
    @Async
    static Coroutine<Long> producerConsumer(Function<Queue<Integer>, Coroutine<Void>> producer,
                                            Function<Queue<Integer>, Coroutine<Long>> consumer) {
        Queue<Integer> queue = new Queue<>(100);
        Task<Void> producing = createTask(producer.apply(queue));
        long sum = await(consumer.apply(queue));
        await(producing);
        return result(sum);
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double[] cold = round();
        double[][] measured = new double[FIGURES.length][runs];
        for (int run = 0; run < runs; run++) {
            double[] figures = round();
            for (int f = 0; f < FIGURES.length; f++) {
                measured[f][run] = figures[f];
            }
        }
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT, "{\"jvm\": \"%s\", \"runs\": %d",
                System.getProperty("java.version"), runs));
        for (int f = 0; f < FIGURES.length; f++) {
            json.append(String.format(Locale.ROOT, ", \"%s\": %.4g", FIGURES[f], Median.of(measured[f])));
        }
        for (int f = 0; f < FIGURES.length; f++) {
            json.append(String.format(Locale.ROOT, ", \"cold_%s\": %.4g", FIGURES[f], cold[f]));
        }
        System.out.println(json.append('}'));
    }

    /** One run of the three workloads, its figures in the order of {@link #FIGURES}. */
    private static double[] round() {
        long baseline = usedHeapAfterGc();
        long start = System.nanoTime();
        double bytesPerTask = Asyncio.run(sleepers(baseline));
        double sleepersSeconds = (System.nanoTime() - start) * 1e-9;

        start = System.nanoTime();
        Asyncio.run(lockContention());
        double lockPerSecond = CONTENDERS * ACQUISITIONS / ((System.nanoTime() - start) * 1e-9);

        start = System.nanoTime();
        long sum = Asyncio.run(producerConsumer());
        double queuePerSecond = ITEMS / ((System.nanoTime() - start) * 1e-9);
        if (sum != (long) ITEMS * (ITEMS - 1) / 2) {
            throw new AssertionError("the queue lost or duplicated items: sum " + sum);
        }
        return new double[] {sleepersSeconds, bytesPerTask, lockPerSecond, queuePerSecond};
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
