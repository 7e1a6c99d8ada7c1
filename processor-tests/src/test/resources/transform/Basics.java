package fixtures;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;

public class Basics {
    private int calls;

    @Async
    public Coroutine<Integer> add(Future<Integer> a, int b) {
        calls++;
        int x = await(a);
        return result(x + b);
    }

    @Async
    public static Coroutine<String> twoAwaits(Future<String> first, Future<String> second) {
        String a = await(first);
        long pad = 7L;
        double scale = 1.5;
        String b = await(second);
        return result(a + "+" + b + ":" + (pad * scale));
    }

    @Async
    public Coroutine<Integer> nested(Future<Integer> a) {
        int one = await(add(a, 1));
        int two = await(add(a, 2));
        return result(one + two + calls);
    }

    @Async
    public Coroutine<Integer> sleepy(int n) {
        int total = 0;
        for (int i = 0; i < n; i++) {
            await(sleep(1));
            total += i;
        }
        return result(total);
    }

    @Async
    public Coroutine<Integer> failAfterAwait(Future<Integer> a) {
        int value = await(a);
        String local = "kept";
        if (value > 0) {
            throw new IllegalStateException("failed with " + value + " " + local); // THROW_LINE
        }
        return result(value);
    }

    @Async
    public static Coroutine<Integer> depth(int n, Future<Integer> bottom) {
        if (n == 0) {
            return result(await(bottom));
        }
        return result(await(depth(n - 1, bottom)) + 1);
    }

    @Async
    public Coroutine<Integer> tail(Future<Integer> a) {
        return add(a, 100);
    }
}
