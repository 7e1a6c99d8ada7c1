package io.jasyncio.it.generators;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.emit;
import static io.jasyncio.Asyncio.ensureFuture;
import static io.jasyncio.Asyncio.end;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.AsyncGenerator;
import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.GeneratorExit;
import java.util.ArrayList;
import java.util.List;

/** Async generators and their consumers, as users write them (CPython's test_asyncgen cases). */
public final class Generators {
    /** What happened, in order, on both sides. */
    public final List<String> log = new ArrayList<>();

    /** The numbers 0 to {@code count - 1}, each after a real wait. */
    @Async
    public AsyncGenerator<Integer> counting(int count, double pause) {
        for (int i = 0; i < count; i++) {
            await(sleep(pause));
            log.add("emit " + i);
            await(emit(i)); // @emit
        }
        log.add("end");
        return end();
    }

    /** Every element, in order. */
    @Async
    public <T> Coroutine<List<T>> collect(AsyncGenerator<T> generator) {
        List<T> all = new ArrayList<>();
        while (await(generator.hasNext())) {
            T value = generator.next();
            log.add("took " + value);
            all.add(value);
        }
        return result(all);
    }

    /** Emits twice, then fails. */
    @Async
    public AsyncGenerator<String> failing() {
        await(emit("a"));
        await(emit("b"));
        throw new IllegalStateException("the generator broke");
    }

    /** A generator with a finally that awaits, to be closed at its pending emit. */
    public AsyncGenerator<Integer> withCleanup() {
        return withCleanup(false);
    }

    /** {@link #withCleanup()}, whose finally block, with {@code failing}, throws after its await. */
    @Async
    public AsyncGenerator<Integer> withCleanup(boolean failing) {
        try {
            for (int i = 0; ; i++) {
                await(emit(i));
            }
        } finally {
            log.add("cleanup begins");
            await(sleep(1));
            log.add("cleanup done");
            if (failing) {
                throw new IllegalStateException("cleanup failed");
            }
        }
    }

    /** Emits {@code count} numbers; its finally block says it ran. */
    @Async
    public AsyncGenerator<Integer> finiteWithCleanup(int count) {
        try {
            for (int i = 0; i < count; i++) {
                await(emit(i));
            }
            return end();
        } finally {
            log.add("finite cleanup");
        }
    }

    /** Takes two values and returns, leaving the generator open, as a loop left by break does. */
    @Async
    public Coroutine<List<Integer>> takeTwoAndLeave(AsyncGenerator<Integer> generator) {
        List<Integer> two = new ArrayList<>();
        for (int i = 0; i < 2 && await(generator.hasNext()); i++) {
            two.add(generator.next());
        }
        log.add("left");
        return result(two);
    }

    /** Takes one value, then closes the generator. */
    @Async
    public Coroutine<Integer> takeOneThenClose(AsyncGenerator<Integer> generator) {
        await(generator.hasNext());
        int first = generator.next();
        await(generator.aclose());
        log.add("closed");
        return result(first);
    }

    /** Takes two values, then closes the generator. */
    @Async
    public Coroutine<List<Integer>> takeTwoThenClose(AsyncGenerator<Integer> generator) {
        List<Integer> two = new ArrayList<>();
        for (int i = 0; i < 2 && await(generator.hasNext()); i++) {
            two.add(generator.next());
        }
        await(generator.aclose());
        log.add("closed");
        return result(two);
    }

    /** Takes two values in try-with-resources, leaving the loop early. */
    @Async
    public Coroutine<List<Integer>> takeTwoInTryWithResources() {
        List<Integer> two = new ArrayList<>();
        try (AsyncGenerator<Integer> generator = withCleanup()) {
            while (await(generator.hasNext())) {
                two.add(generator.next());
                if (two.size() == 2) {
                    break;
                }
            }
        }
        log.add("after the block");
        return result(two);
    }

    /** Swallows the close and emits again: an error. */
    @Async
    public AsyncGenerator<Integer> stubborn() {
        try {
            await(emit(1));
        } catch (GeneratorExit exit) {
            log.add("ignoring the close");
        }
        await(emit(2));
        return end();
    }

    /** Waits long between emits, and says when it is cancelled there. */
    @Async
    public AsyncGenerator<Integer> slow() {
        try {
            await(sleep(100));
        } catch (CancelledError cancelled) {
            log.add("generator cancelled at its await");
            throw cancelled;
        }
        await(emit(1));
        return end();
    }

    /** Emits, then waits on {@code pending} (a long sleep, a bare future), and says when it is cancelled there. */
    @Async
    public AsyncGenerator<Integer> emitThenWaitOn(Awaitable<?> pending) {
        await(emit(1));
        try {
            await(pending);
        } catch (CancelledError cancelled) {
            log.add("generator cancelled at its await");
            throw cancelled;
        }
        await(emit(2));
        return end();
    }

    /** Takes one value, then asks for the next and cancels the answer before awaiting it. */
    @Async
    public Coroutine<Integer> takeOneThenCancelTheNextAnswer(AsyncGenerator<Integer> generator) {
        await(generator.hasNext());
        int first = generator.next();
        Future<Boolean> answer = ensureFuture(generator.hasNext());
        answer.cancel();
        try {
            await(answer);
        } catch (CancelledError cancelled) {
            log.add("answer cancelled");
        }
        return result(first);
    }

    /** Takes one value, and leaves the generator stopped at its next emit. */
    @Async
    public Coroutine<Integer> takeOne(AsyncGenerator<Integer> generator) {
        await(generator.hasNext());
        return result(generator.next());
    }

    /** Ends with {@code return end();} inside a try whose finally block awaits. */
    @Async
    public AsyncGenerator<Integer> endsInsideTry(int stopAt) {
        try {
            for (int i = 0; ; i++) {
                if (i == stopAt) {
                    return end();
                }
                await(emit(i));
            }
        } finally {
            await(sleep(1));
            log.add("finally after end");
        }
    }

    /** Loops, a switch, try/catch/finally, a long and a double live across its emits. */
    @Async
    public AsyncGenerator<String> shapes(int count) {
        long total = 0;
        double half = 0.5;
        for (int i = 0; i < count; i++) {
            try {
                switch (i % 3) {
                    case 0 -> await(emit("zero " + i));
                    case 1 -> {
                        total += i;
                        await(emit("one " + total));
                    }
                    default -> throw new IllegalArgumentException("two " + i);
                }
            } catch (IllegalArgumentException caught) {
                half += i;
                await(emit("caught " + caught.getMessage()));
            } finally {
                await(sleep(0));
            }
        }
        await(emit("total " + total + " half " + half));
        return end();
    }

    /** A generator that consumes another: each value doubled. */
    @Async
    public AsyncGenerator<Integer> doubled(AsyncGenerator<Integer> source) {
        while (await(source.hasNext())) {
            await(emit(source.next() * 2));
        }
        return end();
    }
}
