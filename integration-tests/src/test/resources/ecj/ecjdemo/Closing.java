package ecjdemo;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.emit;
import static io.jasyncio.Asyncio.end;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.AsyncGenerator;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.TaskGroup;
import io.jasyncio.it.close.AsyncClose;
import java.util.List;

/**
 * try-with-resources on resources closed by awaiting, in a program compiled without the
 * processor and rewritten afterwards: each way out of a block awaits the resource's aclose().
 * The resources are the integration tests' own, which log their opening and closing.
 */
public class Closing {
    /** An AutoCloseable of no concern to the rewrite: closed as compiled. */
    static final class Plain implements AutoCloseable {
        private final List<String> log;

        Plain(List<String> log) {
            this.log = log;
        }

        @Override
        public void close() {
            log.add("plain closed");
        }
    }

    @Async
    static Coroutine<Void> child(List<String> log) {
        await(sleep(0));
        await(sleep(0));
        log.add("child done");
        return result(null);
    }

    @Async
    static AsyncGenerator<Integer> numbers(List<String> log) {
        try {
            for (int i = 0; i < 10; i++) {
                await(emit(i));
            }
            return end();
        } finally {
            await(sleep(0));
            log.add("generator finally");
        }
    }

    @Async
    static Coroutine<Integer> returning(AsyncClose closes, boolean early) {
        try (AsyncClose.Resource r = closes.open("returned")) {
            if (early) {
                return result(1);
            }
            closes.log.add("not returned");
        }
        return result(2);
    }

    @Async
    public static Coroutine<String> run() {
        AsyncClose closes = new AsyncClose();
        List<String> log = closes.log;
        try (AsyncClose.Resource r = closes.open("a")) {
            log.add("body a");
        }
        int returned = await(returning(closes, true));
        log.add("returned " + returned);
        for (int i = 0; i < 3; i++) {
            try (AsyncClose.Resource r = closes.open("loop" + i)) {
                if (i == 0) {
                    continue;
                }
                if (i == 1) {
                    break;
                }
                log.add("unreachable");
            }
        }
        try (AsyncClose.Resource r = closes.open("b")) {
            throw new IllegalArgumentException("boom");
        } catch (IllegalArgumentException e) {
            log.add("caught " + e.getMessage());
        }
        try (AsyncClose.Resource r = closes.new Resource("c", true)) {
            throw new IllegalArgumentException("first");
        } catch (IllegalArgumentException e) {
            log.add("suppressed " + e.getSuppressed()[0].getMessage());
        }
        try (AsyncClose.Resource x = closes.open("x"); AsyncClose.Resource y = closes.open("y")) {
            log.add("body xy");
        }
        try (AsyncClose.Resource r = closes.open("f")) {
            log.add("body f");
            if (returned == 1) {
                throw new IllegalStateException("thrown in f");
            }
        } catch (IllegalStateException e) {
            log.add("caught " + e.getMessage());
        } finally {
            log.add("finally f");
        }
        AsyncClose.Resource declared = closes.open("declared");
        try (declared) {
            log.add("body declared");
        }
        try (TaskGroup group = new TaskGroup()) {
            group.createTask(child(log));
        }
        log.add("after group");
        try (AsyncGenerator<Integer> numbers = numbers(log)) {
            await(numbers.hasNext());
            log.add("first " + numbers.next());
        }
        try (Plain p = new Plain(log)) {
            log.add("body plain");
        }
        return result(String.join("; ", log));
    }

    public static void main(String[] args) {
        System.out.println(Asyncio.run(run()));
    }
}
