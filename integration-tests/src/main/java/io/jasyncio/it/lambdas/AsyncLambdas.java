package io.jasyncio.it.lambdas;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.AsyncFunction;
import io.jasyncio.AsyncSupplier;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.net.Server;
import io.jasyncio.net.Streams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Lambdas and anonymous classes that await, as users write them. */
public final class AsyncLambdas {
    private int total;

    /** A block lambda that awaits twice, capturing a parameter. */
    public static AsyncSupplier<String> greeter(Future<String> name, double delay) {
        return () -> {
            String who = await(name);
            await(sleep(delay)); // @greeter-sleep
            return result("Hello, " + who);
        };
    }

    /** An expression lambda. */
    public static AsyncFunction<Future<Integer>, Integer> doubled() {
        return future -> result(await(future) * 2);
    }

    /** A lambda capturing {@code this}, changing a field across its awaits. */
    public AsyncFunction<Integer, Integer> adder() {
        return n -> {
            await(sleep(0));
            total += n;
            return result(total);
        };
    }

    /** A generic functional interface whose method returns a coroutine once parameterized. */
    public static Supplier<Coroutine<Integer>> viaSupplier(Future<Integer> future) {
        return () -> result(await(future) + 1);
    }

    /** Loops, a switch, try/catch/finally, a long and a double around the awaits of a lambda. */
    public static AsyncFunction<List<Future<Integer>>, String> shapes() {
        return futures -> {
            List<String> log = new ArrayList<>();
            long sum = 0;
            double half = 0.5;
            for (Future<Integer> future : futures) {
                try {
                    int value = await(future);
                    switch (value % 3) {
                        case 0 -> log.add("fizz" + value);
                        case 1 -> sum += value;
                        default -> half += value;
                    }
                } catch (IllegalStateException failed) {
                    log.add("caught " + failed.getMessage());
                } finally {
                    await(sleep(0));
                }
            }
            return result(log + " sum=" + sum + " half=" + half);
        };
    }

    /** An anonymous class whose method awaits. */
    public static AsyncSupplier<String> anonymous(Future<String> future) {
        return new AsyncSupplier<>() {
            @Override
            public Coroutine<String> get() {
                String value = await(future);
                return result(value + "!");
            }
        };
    }

    /** An {@code @Async} method awaiting the coroutines of a lambda it was given. */
    @Async
    public static Coroutine<String> twice(AsyncSupplier<String> supplier) {
        String first = await(supplier.get());
        String second = await(supplier.get());
        return result(first + " / " + second);
    }

    /** A stream server whose handler is a lambda that awaits: it answers each line in upper case. */
    @Async
    public static Coroutine<Server> upperCaseServer() {
        Server server = await(Streams.startServer((reader, writer) -> {
            for (byte[] line = await(reader.readline()); line.length > 0; line = await(reader.readline())) {
                writer.write(new String(line, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
                await(writer.drain());
            }
            writer.close();
            return result();
        }, "127.0.0.1", 0));
        return result(server);
    }

    /** The failure of a lambda's await comes out where it is awaited. */
    public static AsyncSupplier<Integer> failing(Future<Integer> future) {
        return () -> {
            int value = await(future);
            if (value < 0) {
                throw new IllegalArgumentException("negative: " + value); // @lambda-throw
            }
            return result(value);
        };
    }
}
