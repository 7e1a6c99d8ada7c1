package io.jasyncio.it;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import java.util.Arrays;

/**
 * Awaits evaluated while other operands already sit on the operand stack (call receivers and
 * earlier arguments, string concatenation, array initialisers, arithmetic, compound
 * assignments), and values of every primitive type kept in locals and on the stack across
 * awaits, each next to the same logic run synchronously.
 */
public class OperandStack {
    private final Futures futures;
    private int counter;

    public OperandStack(Futures futures) {
        this.futures = futures;
    }

    private Future<Integer> f(int value) {
        return futures.of(value);
    }

    static String join(Object... parts) {
        return Arrays.toString(parts);
    }

    static String mix(long l, int i, double d, String s, int last) {
        return l + "|" + i + "|" + d + "|" + s + "|" + last;
    }

    static String pair(int a, int b) {
        return "(" + a + "," + b + ")";
    }

    static String narrow(char c, byte b, short s, boolean z, float f, int last) {
        return "" + c + b + s + z + f + last;
    }

    @Async
    public Coroutine<String> callArguments(int a, int b) {
        String s = mix(1L << 35, a, 0.5, "s", await(f(b)));
        // A receiver below the awaits, and awaits in several arguments.
        String t = ("d" + a).concat(pair(await(f(a)), await(f(b))));
        String u = mix(await(f(a)) * 3L, b, await(f(b)) / 4.0, "u", await(f(a + b)));
        // Awaits nested in the argument of an await.
        int nested = await(f(await(f(a)) + await(f(b))));
        String v = join(a, "x", await(f(nested)), b);
        return result(s + t + u + v);
    }

    public static String callArgumentsSync(int a, int b) {
        String s = mix(1L << 35, a, 0.5, "s", b);
        String t = ("d" + a).concat(pair(a, b));
        String u = mix(a * 3L, b, b / 4.0, "u", a + b);
        int nested = a + b;
        String v = join(a, "x", nested, b);
        return s + t + u + v;
    }

    @Async
    public Coroutine<String> concatenation(int a, String s, String t) {
        String plain = s + await(f(a)) + t;
        String mixed = "<" + a + ':' + await(f(a * 2)) + 1.5 + 'c' + await(f(-a)) + true + t + ">";
        long wide = 1L << 33;
        String withWide = wide + "/" + await(f(a)) + "/" + (wide + 1);
        String built = new StringBuilder(s).append(a).append(await(f(a))).append(t).toString();
        return result(plain + mixed + withWide + built);
    }

    public static String concatenationSync(int a, String s, String t) {
        String plain = s + a + t;
        String mixed = "<" + a + ':' + a * 2 + 1.5 + 'c' + -a + true + t + ">";
        long wide = 1L << 33;
        String withWide = wide + "/" + a + "/" + (wide + 1);
        String built = new StringBuilder(s).append(a).append(a).append(t).toString();
        return plain + mixed + withWide + built;
    }

    @Async
    public Coroutine<String> arrayInitialisers(int a) {
        int[] ints = {1, await(f(a)), 3};
        long[] longs = new long[] {1L << 40, await(f(a)), -1L};
        double[] doubles = {0.25, await(f(a)) / 2.0};
        String[] strings = {"s", "t" + await(f(a)), null};
        int[][] grid = {{await(f(a))}, {1, await(f(a + 1))}, {}};
        Object[] objects = {a, new int[] {await(f(a))}, "x"};
        return result(Arrays.toString(ints) + Arrays.toString(longs) + Arrays.toString(doubles)
                + Arrays.toString(strings) + Arrays.deepToString(grid) + Arrays.deepToString(objects));
    }

    public static String arrayInitialisersSync(int a) {
        int[] ints = {1, a, 3};
        long[] longs = new long[] {1L << 40, a, -1L};
        double[] doubles = {0.25, a / 2.0};
        String[] strings = {"s", "t" + a, null};
        int[][] grid = {{a}, {1, a + 1}, {}};
        Object[] objects = {a, new int[] {a}, "x"};
        return Arrays.toString(ints) + Arrays.toString(longs) + Arrays.toString(doubles)
                + Arrays.toString(strings) + Arrays.deepToString(grid) + Arrays.deepToString(objects);
    }

    @Async
    public Coroutine<String> arithmetic(int a, int b) {
        int linear = a * await(f(b)) + b;
        int precedence = a - await(f(b)) * (a + await(f(2))) % 7;
        int divided = b != 0 ? (a * 100) / await(f(b)) : 0;
        int shifted = (a << 3) | await(f(b)) ^ ~a;
        boolean compared = a + 1 > await(f(b));
        return result(linear + "," + precedence + "," + divided + "," + shifted + "," + compared);
    }

    public static String arithmeticSync(int a, int b) {
        int linear = a * b + b;
        int precedence = a - b * (a + 2) % 7;
        int divided = b != 0 ? (a * 100) / b : 0;
        int shifted = (a << 3) | b ^ ~a;
        boolean compared = a + 1 > b;
        return linear + "," + precedence + "," + divided + "," + shifted + "," + compared;
    }

    /** Longs and doubles take two stack and local slots: below an await, and live across one. */
    @Async
    public Coroutine<String> longsAndDoubles(int y) {
        long l = 3_000_000_000L + y;
        double d = 1.25 * y;
        long x = l + await(f(y)) * (long) d;
        double z = d * await(f(y)) + l;
        long product = l * await(f(y + 1));
        double ratio = d / (await(f(y)) + 0.5);
        long mixed = (long) (l + d * await(f(2)) - l / (await(f(y)) + 1));
        long min = Long.MIN_VALUE + await(f(y));
        double nan = Double.NaN;
        double stillNan = nan + await(f(y));
        return result(l + "," + d + "," + x + "," + z + "," + product + "," + ratio + "," + mixed + "," + min
                + "," + stillNan);
    }

    public static String longsAndDoublesSync(int y) {
        long l = 3_000_000_000L + y;
        double d = 1.25 * y;
        long x = l + y * (long) d;
        double z = d * y + l;
        long product = l * (y + 1);
        double ratio = d / (y + 0.5);
        long mixed = (long) (l + d * 2 - l / (y + 1));
        long min = Long.MIN_VALUE + y;
        double nan = Double.NaN;
        double stillNan = nan + y;
        return l + "," + d + "," + x + "," + z + "," + product + "," + ratio + "," + mixed + "," + min
                + "," + stillNan;
    }

    /** char, byte, short and boolean are ints to the verifier; float is its own type. */
    @Async
    public Coroutine<String> narrowPrimitives(int n) {
        char c = (char) ('a' + n);
        byte b = (byte) (-100 - n);
        short s = (short) (30000 + n);
        boolean z = n % 2 == 0;
        float fl = 1.5f * n;
        int awaited = await(f(n));
        c += (char) awaited;
        b -= await(f(1));
        s *= 2;
        z = !z && await(f(n)) > 1;
        fl /= await(f(4));
        String kept = narrow(c, b, s, z, fl, await(f(n)));
        String onStack = "" + (char) (c + await(f(1))) + (b + await(f(2))) + (fl * await(f(3)));
        return result(kept + onStack);
    }

    public static String narrowPrimitivesSync(int n) {
        char c = (char) ('a' + n);
        byte b = (byte) (-100 - n);
        short s = (short) (30000 + n);
        boolean z = n % 2 == 0;
        float fl = 1.5f * n;
        int awaited = n;
        c += (char) awaited;
        b -= 1;
        s *= 2;
        z = !z && n > 1;
        fl /= 4;
        String kept = narrow(c, b, s, z, fl, n);
        String onStack = "" + (char) (c + 1) + (b + 2) + (fl * 3);
        return kept + onStack;
    }

    /** {@code x[i] += await(..)} keeps the array, the index and the old element on the stack. */
    @Async
    public Coroutine<String> compoundAssignments(int n) {
        int[] ints = {1, 2, 3};
        long[] longs = {10L, 20L};
        double[] doubles = {0.5};
        for (int i = 0; i < ints.length; i++) {
            ints[i] += await(f(i * n));
        }
        longs[Math.floorMod(n, 2)] *= await(f(n + 1));
        doubles[0] -= await(f(n)) / 8.0;
        counter = n;
        counter += await(f(5));
        this.counter *= await(f(2));
        return result(Arrays.toString(ints) + Arrays.toString(longs) + Arrays.toString(doubles) + counter);
    }

    public static String compoundAssignmentsSync(int n) {
        int[] ints = {1, 2, 3};
        long[] longs = {10L, 20L};
        double[] doubles = {0.5};
        for (int i = 0; i < ints.length; i++) {
            ints[i] += i * n;
        }
        longs[Math.floorMod(n, 2)] *= n + 1;
        doubles[0] -= n / 8.0;
        int counter = n;
        counter += 5;
        counter *= 2;
        return Arrays.toString(ints) + Arrays.toString(longs) + Arrays.toString(doubles) + counter;
    }
}
