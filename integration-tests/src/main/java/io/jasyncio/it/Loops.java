package io.jasyncio.it;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Loops of every kind with awaits inside, each next to the same logic run synchronously.
 * {@code source} hands out the awaited futures: done ones or ones completed later.
 */
public class Loops {
    private final IntFunction<Future<Integer>> source;

    public Loops(IntFunction<Future<Integer>> source) {
        this.source = source;
    }

    @Async
    public Coroutine<Integer> forLoop(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(source.apply(i));
        }
        return result(sum);
    }

    /** Fails inside its loop once {@code failAt} values have been awaited, or sums them all. */
    @Async
    public Coroutine<Integer> failingInsideTheLoop(int n, int failAt) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            if (i == failAt) {
                throw new IllegalStateException("failed at " + i);
            }
            sum += await(source.apply(i));
        }
        return result(sum);
    }

    /** No loop: one await. */
    @Async
    public Coroutine<Integer> once(int i) {
        return result(await(source.apply(i)));
    }

    public static int forLoopSync(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i;
        }
        return sum;
    }

    @Async
    public Coroutine<Long> whileAndDoWhile(int n) {
        long product = 1;
        int i = 1;
        while (i <= n) {
            product *= await(source.apply(i));
            i++;
        }
        do {
            product += await(source.apply(i));
            i--;
        } while (i > n - 2);
        return result(product);
    }

    public static long whileAndDoWhileSync(int n) {
        long product = 1;
        int i = 1;
        while (i <= n) {
            product *= i;
            i++;
        }
        do {
            product += i;
            i--;
        } while (i > n - 2);
        return product;
    }

    @Async
    public Coroutine<String> forEachWithLabelledBreakAndContinue(List<Integer> values) {
        StringBuilder out = new StringBuilder();
        outer:
        for (int v : values) {
            for (int j = 0; j < 3; j++) {
                int w = await(source.apply(v * 10 + j));
                if (w % 7 == 0) {
                    continue outer;
                }
                if (w > 80) {
                    break outer;
                }
                out.append(w).append(',');
            }
        }
        return result(out.toString());
    }

    public static String forEachWithLabelledBreakAndContinueSync(List<Integer> values) {
        StringBuilder out = new StringBuilder();
        outer:
        for (int v : values) {
            for (int j = 0; j < 3; j++) {
                int w = v * 10 + j;
                if (w % 7 == 0) {
                    continue outer;
                }
                if (w > 80) {
                    break outer;
                }
                out.append(w).append(',');
            }
        }
        return out.toString();
    }
}
