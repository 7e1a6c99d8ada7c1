package io.jasyncio.benchmarks;

/**
 * {@link GeneratorBenchmark}'s generator, or Kotlin's flow, run for a number of seconds in one
 * JVM, printing the values handed over in each second: how the rate moves within a run, which
 * JMH's iteration averages hide. Not a benchmark (no forks, no statistics): a way to see the
 * phases the performance page describes.
 *
 * <pre>{@code
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar \
 *     io.jasyncio.benchmarks.GeneratorTimeline generator 20 1000000
 * }</pre>
 *
 * Arguments: {@code generator} or {@code flow}, the seconds, the number of distinct values, and
 * optionally the values' layout ({@code collected}, the default, or {@code allocation}: see
 * {@link GeneratorBenchmark}).
 */
public final class GeneratorTimeline {
    private GeneratorTimeline() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3 || args.length > 4 || !(args[0].equals("generator") || args[0].equals("flow"))) {
            System.err.println("usage: GeneratorTimeline generator|flow SECONDS DISTINCT [collected|allocation]");
            System.exit(2);
        }
        boolean flow = args[0].equals("flow");
        int seconds = Integer.parseInt(args[1]);
        GeneratorBenchmark benchmark = new GeneratorBenchmark();
        benchmark.distinct = Integer.parseInt(args[2]);
        if (args.length == 4) {
            benchmark.layout = args[3];
        }
        benchmark.setUp();
        try {
            long checksum = 0;
            StringBuilder rates = new StringBuilder(args[0]).append(", millions of values a second:");
            for (int second = 0; second < seconds; second++) {
                long start = System.nanoTime();
                long passes = 0;
                while (System.nanoTime() - start < 1_000_000_000L) {
                    checksum += flow ? benchmark.kotlinFlow() : benchmark.jasyncioGenerator();
                    passes++;
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                rates.append(' ').append(Math.round(passes * GeneratorBenchmark.VALUES / elapsed / 1e6));
            }
            System.out.println(rates);
            System.out.println("checksum " + checksum); // keeps the work observable
        } finally {
            benchmark.tearDown();
        }
    }
}
