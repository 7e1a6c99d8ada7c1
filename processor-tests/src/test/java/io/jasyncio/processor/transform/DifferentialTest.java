package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.processor.AsyncProcessor;
import io.jasyncio.processor.transform.FutureSource.Schedule;
import io.jasyncio.processor.transform.RandomProgramGenerator.Program;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The randomized differential test of the transform: random {@code @Async} methods (see
 * {@link RandomProgramGenerator}), compiled in-process with the processor, run on a
 * virtual-time loop while the values they await complete in a random order, and compared with
 * the same methods written synchronously: same returned value, or same exception type and
 * message.
 *
 * <p>Each program runs four times against its synchronous reference: every awaitable already
 * done (the fast path only), every awaitable pending (a suspension at every await), a random
 * mix, and all programs of a batch at once as concurrent tasks of one loop (their frames
 * interleaved).
 *
 * <p>By default a fixed set of seeds runs ({@value #DEFAULT_PROGRAMS} programs each). For
 * more: {@code -Djasyncio.differential.seed=S[,S2...]} and
 * {@code -Djasyncio.differential.programs=N} (programs per seed). To reproduce one program:
 * {@code -Djasyncio.differential.seed=S -Djasyncio.differential.index=K}, as a failure message
 * says. {@code -Djasyncio.differential.dump=DIR} writes the generated sources to DIR;
 * {@code -Djasyncio.differential.feature.<name>=true|false} turns a construct of
 * {@link RandomProgramGenerator.Features} on or off (constructs the transform gets wrong, until
 * it is fixed, are off by default there).
 */
class DifferentialTest {
    private static final long[] DEFAULT_SEEDS = {1, 2, 3};
    static final int DEFAULT_PROGRAMS = 100;
    private static final int BATCH = 50;
    private static final long TIMEOUT_SECONDS = 30;
    private static final Class<?>[] SYNC_PARAMETERS = {int.class, long.class, double.class, String.class};
    private static final Class<?>[] ASYNC_PARAMETERS = {FutureSource.class, int.class, long.class, double.class,
        String.class};

    private static ExecutorService worker = newWorker();

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    @TestFactory
    Stream<DynamicTest> generatedAsyncMethodsBehaveLikeTheirSynchronousReference() {
        String seedProperty = System.getProperty("jasyncio.differential.seed");
        long[] seeds = seedProperty == null || seedProperty.isBlank() ? DEFAULT_SEEDS
                : Arrays.stream(seedProperty.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
        int programs = Integer.getInteger("jasyncio.differential.programs", DEFAULT_PROGRAMS);
        String indexProperty = System.getProperty("jasyncio.differential.index");
        List<DynamicTest> tests = new ArrayList<>();
        for (long seed : seeds) {
            if (indexProperty != null && !indexProperty.isBlank()) {
                int index = Integer.parseInt(indexProperty.trim());
                tests.add(dynamicTest("seed " + seed + ", program " + index, () -> runBatch(seed, index, index + 1)));
                continue;
            }
            for (int start = 0; start < programs; start += BATCH) {
                int from = start;
                int to = Math.min(programs, start + BATCH);
                tests.add(dynamicTest("seed " + seed + ", programs " + from + ".." + (to - 1),
                        () -> runBatch(seed, from, to)));
            }
        }
        return tests.stream();
    }

    /**
     * The generator's features, each overridable with
     * {@code -Djasyncio.differential.feature.<name>=true|false} (see
     * {@link RandomProgramGenerator.Features}).
     */
    static RandomProgramGenerator.Features features() {
        RandomProgramGenerator.Features features = new RandomProgramGenerator.Features();
        for (java.lang.reflect.Field field : RandomProgramGenerator.Features.class.getDeclaredFields()) {
            String value = System.getProperty("jasyncio.differential.feature." + field.getName());
            if (value != null && field.getType() == boolean.class) {
                try {
                    field.setBoolean(features, Boolean.parseBoolean(value.trim()));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return features;
    }

    /** The seed of program {@code index} of {@code seed}: programs are independent of each other. */
    static long programSeed(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---- one batch -----------------------------------------------------------------------------

    private void runBatch(long seed, int from, int to) throws Exception {
        long started = System.nanoTime();
        RandomProgramGenerator generator = new RandomProgramGenerator(features());
        List<Program> programs = new ArrayList<>();
        Stats stats = new Stats();
        for (int i = from; i < to; i++) {
            Program program = generator.generate(programSeed(seed, i), i);
            programs.add(program);
            program.constructs.forEach((construct, n) -> stats.constructs.merge(construct, n, Integer::sum));
        }
        List<String> failures = new ArrayList<>();
        Map<Program, Class<?>> classes = compile(seed, programs, failures);
        long compiled = System.nanoTime();

        Map<Program, Outcome> references = new LinkedHashMap<>();
        for (Map.Entry<Program, Class<?>> entry : classes.entrySet()) {
            Program program = entry.getKey();
            Class<?> type = entry.getValue();
            List<String> problems = withTimeout(() -> check(seed, program, type, references, stats),
                    List.of(describe(seed, program, "all", "the program did not finish within " + TIMEOUT_SECONDS
                            + " s (an endless loop?)", null, null)));
            failures.addAll(problems);
        }
        if (!references.isEmpty()) {
            failures.addAll(withTimeout(() -> interleaved(seed, classes, references, stats),
                    List.of("seed " + seed + ": the interleaved run of programs " + from + ".." + (to - 1)
                            + " did not finish within " + TIMEOUT_SECONDS + " s")));
        }
        long finished = System.nanoTime();
        System.out.printf("DifferentialTest seed %d, programs %d..%d: compiled in %d ms, ran in %d ms; %s%n"
                        + "  constructs: %s%n",
                seed, from, to - 1, (compiled - started) / 1_000_000, (finished - compiled) / 1_000_000, stats,
                stats.constructs);
        if (!failures.isEmpty()) {
            fail(failures.size() + " mismatch(es) between @Async methods and their synchronous reference, seed "
                    + seed + ", programs " + from + ".." + (to - 1) + "\n\n" + String.join("\n\n", failures));
        }
    }

    /**
     * Compiles the batch in one compilation (a compilation unit per program); if that fails,
     * each program alone, so that one bad program costs only itself. Returns the loadable
     * program classes.
     */
    private Map<Program, Class<?>> compile(long seed, List<Program> programs, List<String> failures) {
        Map<Program, Class<?>> classes = new LinkedHashMap<>();
        List<JavaFileObject> sources = new ArrayList<>();
        for (Program program : programs) {
            String source = program.source();
            dump(seed, program, source);
            sources.add(JavaFileObjects.forSourceString(program.qualifiedName(), source));
        }
        CompiledClasses all = null;
        try {
            all = CompiledClasses.compile(sources.toArray(JavaFileObject[]::new));
        } catch (Throwable e) {
            if (programs.size() == 1) {
                failures.add(describe(seed, programs.get(0), "compilation" + errorLines(sources.get(0)), null, null, e));
                return classes;
            }
        }
        for (int i = 0; i < programs.size(); i++) {
            Program program = programs.get(i);
            CompiledClasses own = all;
            if (own == null) {
                try {
                    own = CompiledClasses.compile(sources.get(i));
                } catch (Throwable e) {
                    failures.add(describe(seed, program, "compilation" + errorLines(sources.get(i)), null, null, e));
                    continue;
                }
            }
            try {
                Class<?> type = Class.forName(program.qualifiedName(), true, own);
                type.getMethod("run", ASYNC_PARAMETERS);
                classes.put(program, type);
            } catch (Throwable e) {
                failures.add(describe(seed, program, "class loading", null, null, e));
            }
        }
        return classes;
    }

    /** The compilation errors of {@code source} with their line numbers, for a failure message. */
    private static String errorLines(JavaFileObject source) {
        StringBuilder sb = new StringBuilder();
        try {
            Compilation compilation = com.google.testing.compile.Compiler.javac()
                    .withProcessors(new AsyncProcessor()).withOptions("-g").compile(source);
            for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
                sb.append("\n  error at line ").append(error.getLineNumber()).append(": ").append(error.getMessage(null));
            }
        } catch (RuntimeException e) {
            sb.append("\n  javac failed: ").append(e);
        }
        return sb.toString();
    }

    private static void dump(long seed, Program program, String source) {
        String dir = System.getProperty("jasyncio.differential.dump");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Path path = Path.of(dir, "seed" + seed, RandomProgramGenerator.PACKAGE, program.className + ".java");
            Files.createDirectories(path.getParent());
            Files.writeString(path, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- running and comparing ------------------------------------------------------------------

    /** The outcome of a call: the returned value, or the exception's type and message. */
    record Outcome(String value, Throwable thrown) {
        static Outcome of(Object value) {
            return new Outcome(Objects.toString(value), null);
        }

        static Outcome threw(Throwable e) {
            while (e instanceof InvocationTargetException && e.getCause() != null) {
                e = e.getCause();
            }
            return new Outcome(null, e);
        }

        boolean sameAs(Outcome other) {
            if (thrown == null || other.thrown == null) {
                return thrown == other.thrown && value.equals(other.value);
            }
            return thrown.getClass() == other.thrown.getClass()
                    && Objects.equals(thrown.getMessage(), other.thrown.getMessage());
        }

        @Override
        public String toString() {
            if (thrown == null) {
                return "returned \"" + value + "\"";
            }
            return "threw " + thrown.getClass().getName() + ": " + thrown.getMessage();
        }
    }

    static final class Stats {
        int programs;
        int runs;
        long awaitables;
        long pending;
        int threw;
        final Map<String, Integer> constructs = new java.util.TreeMap<>();

        void add(FutureSource source) {
            awaitables += source.awaitables();
            pending += source.pending();
        }

        @Override
        public String toString() {
            return programs + " programs (" + threw + " end in an exception), " + runs + " async runs, "
                    + awaitables + " awaits of which " + pending + " pending";
        }
    }

    private List<String> check(long seed, Program program, Class<?> type, Map<Program, Outcome> references,
                               Stats stats) {
        List<String> failures = new ArrayList<>();
        Outcome reference = runSync(program, type);
        stats.programs++;
        if (reference.thrown != null) {
            stats.threw++;
        }
        boolean ok = true;
        for (Schedule schedule : Schedule.values()) {
            long sourceSeed = programSeed(program.seed, schedule.ordinal());
            try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
                FutureSource source = new FutureSource(loop, sourceSeed, schedule);
                Outcome outcome;
                try {
                    Coroutine<?> coroutine = start(program, type, source);
                    outcome = Outcome.of(loop.runUntilComplete(coroutine));
                } catch (Throwable e) {
                    outcome = Outcome.threw(e);
                }
                stats.runs++;
                stats.add(source);
                if (!outcome.sameAs(reference)) {
                    ok = false;
                    failures.add(describe(seed, program, schedule + " (source seed " + sourceSeed + ")",
                            reference.toString(), outcome, null));
                }
            }
        }
        if (ok) {
            synchronized (references) {
                references.put(program, reference);
            }
        }
        return failures;
    }

    /** All programs of the batch at once, as tasks of one loop: their awaits interleave. */
    private List<String> interleaved(long seed, Map<Program, Class<?>> classes, Map<Program, Outcome> references,
                                     Stats stats) {
        List<String> failures = new ArrayList<>();
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            Map<Program, Task<?>> tasks = new LinkedHashMap<>();
            Map<Program, Outcome> early = new LinkedHashMap<>();
            List<FutureSource> sources = new ArrayList<>();
            for (Program program : references.keySet()) {
                FutureSource source = new FutureSource(loop, programSeed(program.seed, 99), Schedule.MIXED);
                sources.add(source);
                try {
                    tasks.put(program, loop.createTask(start(program, classes.get(program), source)));
                } catch (Throwable e) {
                    early.put(program, Outcome.threw(e));
                }
            }
            Future<Void> all = loop.createFuture();
            int[] remaining = {tasks.size()};
            for (Task<?> task : tasks.values()) {
                task.addDoneCallback(done -> {
                    if (--remaining[0] == 0) {
                        all.setResult(null);
                    }
                });
            }
            if (!tasks.isEmpty()) {
                loop.runUntilComplete(all);
            }
            for (FutureSource source : sources) {
                stats.add(source);
            }
            stats.runs += references.size();
            for (Map.Entry<Program, Outcome> entry : references.entrySet()) {
                Program program = entry.getKey();
                Outcome outcome = early.get(program);
                if (outcome == null) {
                    Task<?> task = tasks.get(program);
                    outcome = task.exception() != null ? Outcome.threw(task.exception()) : Outcome.of(task.result());
                }
                if (!outcome.sameAs(entry.getValue())) {
                    failures.add(describe(seed, program, "interleaved with the other programs of its batch",
                            entry.getValue().toString(), outcome, null));
                }
            }
        }
        return failures;
    }

    private static Outcome runSync(Program program, Class<?> type) {
        try {
            Method method = type.getMethod("runSync", SYNC_PARAMETERS);
            Object target = program.mainIsStatic ? null : type.getDeclaredConstructor().newInstance();
            return Outcome.of(method.invoke(target, program.args));
        } catch (Throwable e) {
            return Outcome.threw(e);
        }
    }

    private static Coroutine<?> start(Program program, Class<?> type, FutureSource source) throws Throwable {
        Method method = type.getMethod("run", ASYNC_PARAMETERS);
        Object target = program.mainIsStatic ? null : type.getDeclaredConstructor().newInstance();
        Object[] args = new Object[5];
        args[0] = source;
        System.arraycopy(program.args, 0, args, 1, 4);
        try {
            return (Coroutine<?>) method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private List<String> withTimeout(java.util.concurrent.Callable<List<String>> work, List<String> onTimeout)
            throws InterruptedException {
        java.util.concurrent.Future<List<String>> result = worker.submit(work);
        try {
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return onTimeout;
        } catch (ExecutionException e) {
            throw new AssertionError("the differential harness itself failed", e.getCause());
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "differential-test");
            thread.setDaemon(true);
            return thread;
        });
    }

    // ---- failure messages ---------------------------------------------------------------------

    private static String describe(long seed, Program program, String run, String reference, Outcome async,
                                   Throwable error) {
        StringBuilder sb = new StringBuilder();
        sb.append("=== seed ").append(seed).append(", program ").append(program.index).append(" (class ")
                .append(program.className).append(", program seed ").append(program.seed).append("), ")
                .append(run).append('\n');
        String args = program.args[0] + ", " + program.args[1] + "L, " + program.args[2] + ", \"" + program.args[3]
                + "\"";
        if (error != null) {
            sb.append("  failed: ").append(error.getClass().getName()).append(": ").append(error.getMessage())
                    .append('\n');
            appendTrace(sb, error);
        } else if (async != null) {
            sb.append("  runSync(").append(args).append("): ").append(reference).append('\n');
            sb.append("  run(src, ").append(args).append("):  ").append(async).append('\n');
            if (async.thrown != null) {
                appendTrace(sb, async.thrown);
            }
        } else {
            sb.append("  ").append(reference).append('\n');
        }
        sb.append("  reproduce: mvn -pl processor-tests test -Dtest=DifferentialTest -Djasyncio.differential.seed=").append(seed)
                .append(" -Djasyncio.differential.index=").append(program.index);
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(name -> name.startsWith("jasyncio.differential.feature."))
                .forEach(name -> sb.append(" -D").append(name).append('=').append(System.getProperty(name)));
        sb.append('\n');
        sb.append("  source (both forms):\n");
        sb.append(program.source());
        return sb.toString();
    }

    private static void appendTrace(StringBuilder sb, Throwable error) {
        StackTraceElement[] trace = error.getStackTrace();
        for (int i = 0; i < Math.min(trace.length, 12); i++) {
            sb.append("      at ").append(trace[i]).append('\n');
        }
        if (error.getCause() != null && error.getCause() != error) {
            sb.append("    caused by ").append(error.getCause()).append('\n');
        }
    }
}
