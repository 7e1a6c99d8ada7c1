package io.jasyncio.it;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * {@code @Async} methods in every kind of member and type javac compiles differently: static,
 * instance, private, generic, varargs and recursive methods; default and static interface
 * methods; enum constants with bodies; records; static nested, inner, local and anonymous
 * classes; and lambdas and anonymous classes inside an {@code @Async} body. Each has a plain
 * synchronous twin, named {@code ...Sync}.
 */
public class Shapes {
    /** What the anonymous class implements: a plain interface, with no {@code @Async} itself. */
    public interface AsyncFunction {
        Coroutine<Integer> apply(int x);
    }

    public interface Greeter {
        String name();

        @Async
        default Coroutine<String> greet(Future<String> salutation) {
            return result(await(salutation) + ", " + name());
        }

        @Async
        static Coroutine<String> greetAll(Futures futures, List<? extends Greeter> greeters) {
            StringBuilder out = new StringBuilder();
            for (Greeter greeter : greeters) {
                out.append(await(greeter.greet(futures.of("hi")))).append(';');
            }
            return result(out.toString());
        }
    }

    public static String greetSync(String salutation, Greeter greeter) {
        return salutation + ", " + greeter.name();
    }

    public static String greetAllSync(List<? extends Greeter> greeters) {
        StringBuilder out = new StringBuilder();
        for (Greeter greeter : greeters) {
            out.append(greetSync("hi", greeter)).append(';');
        }
        return out.toString();
    }

    /** MUL's body is an anonymous subclass of the enum, with its own {@code @Async} override. */
    public enum Operation {
        ADD,
        MUL {
            @Async
            @Override
            public Coroutine<Long> apply(Futures futures, int a, int b) {
                long product = (long) await(futures.of(a)) * b;
                return result(product + await(super.apply(futures, 0, 0)));
            }
        };

        @Async
        public Coroutine<Long> apply(Futures futures, int a, int b) {
            return result((long) await(futures.of(a)) + b + ordinal());
        }
    }

    public static long applySync(Operation operation, int a, int b) {
        long add = (long) a + b + operation.ordinal();
        // MUL adds ADD-style apply(0, 0) run on itself: 0 + 0 + its ordinal.
        return operation == Operation.MUL ? (long) a * b + operation.ordinal() : add;
    }

    public record Point(int x, long y) {
        @Async
        public Coroutine<String> shifted(Futures futures, int dx) {
            int awaited = await(futures.of(dx));
            Point moved = new Point(x + awaited, y - awaited);
            return result(moved + " from " + this);
        }
    }

    public static String shiftedSync(Point point, int dx) {
        Point moved = new Point(point.x() + dx, point.y() - dx);
        return moved + " from " + point;
    }

    public static final class Counter {
        private int count;

        @Async
        public Coroutine<Integer> add(Futures futures, int n) {
            count += await(futures.of(n));
            return result(count);
        }
    }

    /** A generic class: T is erased to Object in the frame. */
    public static final class Box<T> {
        private T value;

        public Box(T value) {
            this.value = value;
        }

        @Async
        public Coroutine<T> swap(Future<T> next) {
            T old = value;
            value = await(next);
            return result(old);
        }

        public T get() {
            return value;
        }
    }

    /** Inner: its {@code @Async} body reads the enclosing instance's private members. */
    public final class Inner {
        private final int offset;

        public Inner(int offset) {
            this.offset = offset;
        }

        @Async
        public Coroutine<Integer> shifted(int n) {
            return result(await(f(n)) + offset + secret);
        }
    }

    public static int innerShiftedSync(int n, int offset) {
        return n + offset + SECRET;
    }

    private static final int SECRET = 7;

    private final Futures futures;
    private final int secret = SECRET;

    public Shapes(Futures futures) {
        this.futures = futures;
    }

    private Future<Integer> f(int value) {
        return futures.of(value);
    }

    private int twice(int value) {
        return 2 * value;
    }

    @Async
    public static Coroutine<Integer> staticSum(Futures futures, int a, int b) {
        return result(await(futures.of(a)) + await(futures.of(b)));
    }

    public static int staticSumSync(int a, int b) {
        return a + b;
    }

    /** Private field, private method and a private {@code @Async} method of the host. */
    @Async
    public Coroutine<Integer> instanceWithPrivates(int n) {
        int sum = secret + await(f(n));
        return result(twice(sum) + await(privateAsync(n)));
    }

    @Async
    private Coroutine<Integer> privateAsync(int n) {
        return result(await(f(n)) * 10);
    }

    public static int instanceWithPrivatesSync(int n) {
        return 2 * (SECRET + n) + n * 10;
    }

    @Async
    public static <T> Coroutine<List<T>> echo(T value, Future<T> future) {
        T got = await(future);
        return result(List.of(value, got));
    }

    /** An intersection bound: erased to Number, so compareTo needs a cast after the await. */
    @Async
    public static <N extends Number & Comparable<N>> Coroutine<N> max(N a, Future<N> b) {
        N other = await(b);
        return result(a.compareTo(other) >= 0 ? a : other);
    }

    public static <N extends Number & Comparable<N>> N maxSync(N a, N b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Async
    public Coroutine<Integer> sumAll(int... values) {
        int sum = 0;
        for (int value : values) {
            sum += await(f(value));
        }
        return result(sum * values.length);
    }

    public static int sumAllSync(int... values) {
        int sum = 0;
        for (int value : values) {
            sum += value;
        }
        return sum * values.length;
    }

    @Async
    public static Coroutine<String> joinAll(String separator, Future<?>... parts) {
        List<String> texts = new ArrayList<>();
        for (Future<?> part : parts) {
            texts.add(String.valueOf(await(part)));
        }
        return result(String.join(separator, texts));
    }

    /** Recursion through awaits, with the first result on the stack during the second. */
    @Async
    public Coroutine<Integer> fib(int n) {
        if (n < 2) {
            return result(await(f(n)));
        }
        return result(await(fib(n - 1)) + await(fib(n - 2)));
    }

    public static int fibSync(int n) {
        if (n < 2) {
            return n;
        }
        return fibSync(n - 1) + fibSync(n - 2);
    }

    /** Not {@code @Async} itself: a local class capturing a local and {@code this}. */
    public Coroutine<String> viaLocalClass(int n, String tag) {
        class Local {
            @Async
            Coroutine<String> run(int k) {
                return result(tag + await(f(k)) + secret);
            }
        }
        return new Local().run(n);
    }

    public static String viaLocalClassSync(int n, String tag) {
        return tag + n + SECRET;
    }

    public AsyncFunction adder(int offset) {
        return new AsyncFunction() {
            @Async
            @Override
            public Coroutine<Integer> apply(int x) {
                return result(await(f(x)) + offset);
            }
        };
    }

    /**
     * Lambdas and an anonymous class inside the {@code @Async} body capture its locals (they
     * never await): one is made before an await and called after it.
     */
    @Async
    public Coroutine<String> lambdasInside(List<Integer> values) {
        int base = await(f(values.size()));
        int[] sum = {0};
        values.forEach(x -> sum[0] += x + base);
        Supplier<String> late = () -> "late" + base + ":" + sum[0];
        int pivot = await(f(sum[0] / Math.max(1, values.size())));
        Comparator<Integer> byDistance = new Comparator<>() {
            @Override
            public int compare(Integer p, Integer q) {
                return Integer.compare(Math.abs(p - pivot), Math.abs(q - pivot));
            }
        };
        List<Integer> sorted = new ArrayList<>(values);
        sorted.sort(byDistance.thenComparing(Comparator.naturalOrder()));
        IntUnaryOperator scale = x -> x * secret;
        return result(sum[0] + "," + late.get() + "," + sorted + "," + scale.applyAsInt(pivot));
    }

    public static String lambdasInsideSync(List<Integer> values) {
        int base = values.size();
        int[] sum = {0};
        values.forEach(x -> sum[0] += x + base);
        Supplier<String> late = () -> "late" + base + ":" + sum[0];
        int pivot = sum[0] / Math.max(1, values.size());
        Comparator<Integer> byDistance = new Comparator<>() {
            @Override
            public int compare(Integer p, Integer q) {
                return Integer.compare(Math.abs(p - pivot), Math.abs(q - pivot));
            }
        };
        List<Integer> sorted = new ArrayList<>(values);
        sorted.sort(byDistance.thenComparing(Comparator.naturalOrder()));
        IntUnaryOperator scale = x -> x * SECRET;
        return sum[0] + "," + late.get() + "," + sorted + "," + scale.applyAsInt(pivot);
    }
}
