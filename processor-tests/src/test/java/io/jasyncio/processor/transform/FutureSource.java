package io.jasyncio.processor.transform;

import io.jasyncio.Asyncio;
import io.jasyncio.Awaitable;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntUnaryOperator;

/**
 * What the programs of {@link DifferentialTest} await, and the pure helpers both forms of a
 * program call. Public and loaded by the test's class loader, so that the compiled programs
 * (in a child class loader) and the test see the same class.
 *
 * <p>The asynchronous form of a program writes {@code await(src.i(v))} where the synchronous
 * form writes {@code v}: each call hands out, by the {@link Schedule} and a seeded random, a
 * done future, a pending future that a timer of the (virtual-time) loop completes later, a
 * coroutine that completes at once or after a sleep, or a task. The failing variants
 * ({@code failI} ...) complete exceptionally with a {@link Boom}, which the synchronous form
 * throws with {@code raiseI} ... .
 */
public final class FutureSource {

    /** How the awaited values are handed out. */
    public enum Schedule {
        /** Every awaitable is already done (or a coroutine that finishes without suspending). */
        DONE,
        /** Every awaitable suspends the task. */
        PENDING,
        /** A random mix, with random virtual delays: completion order differs between tasks. */
        MIXED
    }

    /** The exception the programs throw and catch. */
    public static final class Boom extends RuntimeException {
        public Boom(String message) {
            super(message);
        }
    }

    public enum Color { RED, GREEN, BLUE }

    /** A resource for try-with-resources; closing one whose value is a multiple of 3 throws. */
    public static final class Res implements AutoCloseable {
        private final int value;

        private Res(int value) {
            this.value = value;
        }

        public int v() {
            return value;
        }

        @Override
        public void close() {
            if (value % 3 == 0) {
                throw new Boom("close " + value);
            }
        }
    }

    /**
     * {@link Res}'s asynchronous twin, for try-with-resources in the asynchronous form: its
     * close is awaited (and may suspend, as the schedule says), and fails as {@link Res}'s does.
     */
    public final class AsyncRes implements io.jasyncio.AsyncCloseable {
        private final int value;

        private AsyncRes(int value) {
            this.value = value;
        }

        public int v() {
            return value;
        }

        @Override
        public Awaitable<Void> aclose() {
            return of(null, value % 3 == 0 ? new Boom("close " + value) : null);
        }
    }

    /** An {@link AsyncRes} of {@code value}. */
    public AsyncRes ares(int value) {
        return new AsyncRes(value);
    }

    /**
     * Where the synchronous form of a generated async generator puts its values: a digest of
     * them, as the asynchronous consumer computes it. With a limit, the value that reaches it
     * throws {@link Stop} after it is counted, as the asynchronous consumer closes the generator
     * at its pending emit after taking that many values.
     */
    public static final class Sink {
        private final int limit;
        private int taken;
        private int digest = 7;

        /** A sink that takes {@code limit} values ({@code 0}: every value). */
        public Sink(int limit) {
            this.limit = limit;
        }

        public void add(int value) {
            digest = digest * 31 + value;
            taken++;
            if (taken == limit) {
                throw new Stop();
            }
        }

        public int digest() {
            return digest;
        }
    }

    /**
     * What stops the synchronous form of a generator, where the asynchronous one gets
     * {@code GeneratorExit}: an {@code Error}, which the generated catch clauses let through.
     */
    public static final class Stop extends Error {
        public Stop() {
            super("stop", null, false, false);
        }
    }

    /** A class with a constructor of several arguments, two-word ones among them. */
    public static final class Box {
        private final String shown;

        public Box(int a, long b, double c, String d) {
            this.shown = a + "/" + b + "/" + c + "/" + d;
        }

        public String show() {
            return clip(shown);
        }
    }

    private final EventLoop loop;
    private final Random random;
    private final Schedule schedule;
    private int awaitables;
    private int suspending;

    public FutureSource(EventLoop loop, long seed, Schedule schedule) {
        this.loop = loop;
        this.random = new Random(seed);
        this.schedule = schedule;
    }

    /** How many awaitables were handed out. */
    public int awaitables() {
        return awaitables;
    }

    /** How many of the awaitables handed out were not done at once. */
    public int pending() {
        return suspending;
    }

    // ---- what the asynchronous form awaits ----------------------------------------------------

    public Awaitable<Integer> i(int v) {
        return of(v, null);
    }

    public Awaitable<Long> l(long v) {
        return of(v, null);
    }

    public Awaitable<Float> f(float v) {
        return of(v, null);
    }

    public Awaitable<Double> d(double v) {
        return of(v, null);
    }

    public Awaitable<String> s(String v) {
        return of(v, null);
    }

    public Awaitable<Boolean> z(boolean v) {
        return of(v, null);
    }

    public CompletionStage<Integer> iStage(int v) {
        return stage(v);
    }

    public CompletionStage<Long> lStage(long v) {
        return stage(v);
    }

    public CompletionStage<Double> dStage(double v) {
        return stage(v);
    }

    public CompletionStage<String> sStage(String v) {
        return stage(v);
    }

    public Awaitable<Integer> failI(String message) {
        return of(null, new Boom(message));
    }

    public Awaitable<Long> failL(String message) {
        return of(null, new Boom(message));
    }

    public Awaitable<Float> failF(String message) {
        return of(null, new Boom(message));
    }

    public Awaitable<Double> failD(String message) {
        return of(null, new Boom(message));
    }

    public Awaitable<String> failS(String message) {
        return of(null, new Boom(message));
    }

    public Awaitable<Boolean> failZ(String message) {
        return of(null, new Boom(message));
    }

    private <T> Awaitable<T> of(T value, Boom error) {
        awaitables++;
        int kind = switch (schedule) {
            case DONE -> random.nextInt(4) == 0 ? 4 : 0;
            case PENDING -> 1 + random.nextInt(3);
            case MIXED -> random.nextInt(5);
        };
        if (error != null && kind >= 2) {
            kind = kind == 4 ? 0 : 1;
        }
        if (kind != 0 && kind != 4) {
            suspending++;
        }
        switch (kind) {
            case 0 -> {
                Future<T> done = loop.createFuture();
                complete(done, value, error);
                return done;
            }
            case 1 -> {
                Future<T> pending = loop.createFuture();
                loop.callLater(delay(), () -> complete(pending, value, error));
                return pending;
            }
            case 2 -> {
                return Asyncio.sleep(delay(), value);
            }
            case 3 -> {
                return loop.createTask(Asyncio.sleep(delay(), value));
            }
            default -> {
                return Asyncio.result(value);
            }
        }
    }

    private <T> CompletionStage<T> stage(T value) {
        awaitables++;
        CompletableFuture<T> stage = new CompletableFuture<>();
        if (schedule == Schedule.DONE || (schedule == Schedule.MIXED && random.nextBoolean())) {
            stage.complete(value);
        } else {
            suspending++;
            loop.callLater(delay(), () -> stage.complete(value));
        }
        return stage;
    }

    private double delay() {
        return random.nextInt(4) * 0.25;
    }

    private static <T> void complete(Future<T> future, T value, Boom error) {
        if (error != null) {
            future.setException(error);
        } else {
            future.setResult(value);
        }
    }

    // ---- what the synchronous form calls instead of a failing await --------------------------

    public static int raiseI(String message) {
        throw new Boom(message);
    }

    public static long raiseL(String message) {
        throw new Boom(message);
    }

    public static float raiseF(String message) {
        throw new Boom(message);
    }

    public static double raiseD(String message) {
        throw new Boom(message);
    }

    public static String raiseS(String message) {
        throw new Boom(message);
    }

    public static boolean raiseZ(String message) {
        throw new Boom(message);
    }

    // ---- pure helpers both forms call ---------------------------------------------------------

    public static Boom boom(String message) {
        return new Boom(message);
    }

    public static Res res(int value) {
        return new Res(value);
    }

    /** Keeps strings short, so that loops cannot grow them without bound. */
    public static String clip(String s) {
        return s.length() <= 24 ? s : s.substring(0, 12) + s.substring(s.length() - 12);
    }

    public static String key(int v) {
        return switch (Math.floorMod(v, 4)) {
            case 0 -> "a";
            case 1 -> "b";
            case 2 -> "c";
            default -> "d";
        };
    }

    public static Color color(int v) {
        return Color.values()[Math.floorMod(v, 3)];
    }

    public static int mix(int a, long b, double c) {
        return (int) (a * 31L + b * 17 + (long) c);
    }

    public static long mixL(long a, int b) {
        return a * 1_000_003L ^ b;
    }

    public static double mixD(double a, int b) {
        return a * 0.75 + b;
    }

    public static int pick(int[] values, int index) {
        return values[Math.floorMod(index, values.length)];
    }

    public static int sum(int... values) {
        int sum = 0;
        for (int v : values) {
            sum += v;
        }
        return sum;
    }

    public static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }

    public static <T> T id(T value) {
        return value;
    }

    public static int apply(IntUnaryOperator f, int v) {
        return f.applyAsInt(v);
    }

    public static String fmt(double v) {
        return Double.toString(v);
    }

    public static long hashI(int v) {
        return v;
    }

    public static long hashL(long v) {
        return v * 7;
    }

    public static long hashF(float v) {
        return Float.floatToIntBits(v);
    }

    public static long hashD(double v) {
        return Double.doubleToLongBits(v);
    }

    public static long hashS(String v) {
        return v.hashCode();
    }

    public static long hashZ(boolean v) {
        return v ? 1231 : 1237;
    }
}
