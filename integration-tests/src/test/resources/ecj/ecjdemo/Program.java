package ecjdemo;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.AsyncFunction;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;

/** A program compiled by ECJ in the build tests: loops, try/finally, a switch, a caught failure and a lambda, all across awaits. */
public class Program {
    @Async
    static Coroutine<Integer> later(int value) {
        await(sleep(0));
        return result(value);
    }

    @Async
    static Coroutine<Void> failing(String message) {
        await(sleep(0));
        throw new IllegalArgumentException(message);
    }

    /** A lambda that awaits: ECJ names and marks its method its own way. */
    static AsyncFunction<Integer, Integer> tripled() {
        return n -> result(await(later(n)) * 3);
    }

    @Async
    public static Coroutine<String> run() {
        StringBuilder log = new StringBuilder();
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += await(later(i));
        }
        try {
            log.append("try ");
            await(sleep(0));
            if (sum > 100) {
                throw new IllegalStateException("unreachable");
            }
        } finally {
            log.append("finally ");
        }
        switch (await(later(2))) {
            case 1 -> log.append("one ");
            case 2 -> log.append("two ");
            default -> log.append("other ");
        }
        try {
            await(failing("boom"));
        } catch (IllegalArgumentException e) {
            log.append("caught ").append(e.getMessage()).append(' ');
        }
        log.append("lambda ").append(await(tripled().apply(4))).append(' ');
        return result(log.toString() + sum);
    }

    public static void main(String[] args) {
        System.out.println(Asyncio.run(run()));
    }
}
