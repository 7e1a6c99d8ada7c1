package example.debuggee;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.emit;
import static io.jasyncio.Asyncio.end;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.AsyncFunction;
import io.jasyncio.AsyncGenerator;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;

/**
 * What the debugger tests stop in: a child JVM runs {@link #main} under JDI. It lives outside
 * {@code io.jasyncio} because the tests step with {@code io.jasyncio.*} filtered out, as a user
 * sets up an IDE. The lines the tests stop on carry {@code // @line:name} markers.
 */
public class Orders {
    private final String shop = "corner";

    @Async
    Coroutine<Integer> total(int count) {
        int price = 7; // @line:price
        String label = shop + count;
        int scratch = count * 3;
        await(sleep(0.01, scratch)); // @line:sleep
        int sum = price * count; // @line:after-sleep
        int extra = await(bonus(count)); // @line:bonus-call
        return result(sum + extra + label.length()); // @line:total-return
    }

    @Async
    static Coroutine<Integer> bonus(int n) {
        int b = n + 1; // @line:bonus-first
        return result(b);
    }

    @Async
    static Coroutine<Integer> rounds(int count) {
        int total = 0;
        for (int i = 0; i < count; i++) {
            int square = i * i;
            int skipped = square + 100;
            try {
                await(sleep(0.001));
                total += square; // @line:round-after
            } finally {
                total += 1; // @line:round-finally
            }
        }
        return result(total);
    }

    /** A parameter assigned in the body and dead across the await, then one live across it. */
    @Async
    static Coroutine<Integer> reassigned(int n, int left) {
        n = n * 2;
        int m = n + 1;
        await(sleep(0.001));
        left = left - m; // @line:reassigned-after
        return result(left);
    }

    /** A lambda that awaits: rewritten as an @Async method is, so a debugger sees it the same way. */
    static AsyncFunction<Integer, Integer> discount(int percent) {
        return price -> {
            int base = price * 10;
            await(sleep(0.001));
            int cut = base * percent / 100; // @line:lambda-after
            return result(base - cut);
        };
    }

    /** A generator: its variables keep their values across each emit. */
    @Async
    static AsyncGenerator<Integer> squares(int count) {
        int total = 0;
        for (int i = 1; i <= count; i++) {
            int square = i * i;
            await(emit(square)); // @line:emit
            total += square; // @line:after-emit
        }
        return end();
    }

    @Async
    static Coroutine<Integer> sumOfSquares(int count) {
        int sum = 0;
        AsyncGenerator<Integer> squares = squares(count);
        while (await(squares.hasNext())) { // @line:consume-while
            sum += squares.next(); // @line:consume
        }
        return result(sum);
    }

    public static void main(String[] args) {
        int total = Asyncio.run(new Orders().total(3));
        int rounds = Asyncio.run(rounds(3));
        int left = Asyncio.run(reassigned(5, 20));
        int discounted = Asyncio.run(discount(20).apply(5));
        int squares = Asyncio.run(sumOfSquares(3));
        System.out.println(total + " " + rounds + " " + left + " " + discounted + " " + squares);
    }
}
