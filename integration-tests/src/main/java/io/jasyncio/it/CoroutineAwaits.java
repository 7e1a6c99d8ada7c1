package io.jasyncio.it;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.currentTask;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Task;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What an {@code @Async} method can await besides a plain future: another {@code @Async}
 * coroutine (inline, in the same task), the tail form {@code return otherCoroutine;}, deep
 * chains of such calls, a {@link Task}, and a {@link CompletionStage} completed elsewhere.
 */
public class CoroutineAwaits {
    private final Futures futures;

    public CoroutineAwaits(Futures futures) {
        this.futures = futures;
    }

    private Future<Integer> f(int value) {
        return futures.of(value);
    }

    @Async
    public Coroutine<Task<?>> whoRunsMe(int n) {
        await(f(n));
        return result(currentTask());
    }

    /** The task seen before, inside and after two inline awaits of another coroutine. */
    @Async
    public Coroutine<List<Task<?>>> tasksSeenInline() {
        Task<?> before = currentTask();
        Task<?> inside = await(whoRunsMe(1));
        Task<?> between = currentTask();
        Task<?> insideAgain = await(whoRunsMe(2));
        return result(List.of(before, inside, between, insideAgain, currentTask()));
    }

    @Async
    public Coroutine<Integer> doubled(int n) {
        return result(2 * await(f(n)));
    }

    /** The tail form: the value is whatever awaiting the returned coroutine gives. */
    @Async
    public Coroutine<Integer> tail(int n) {
        int awaited = await(f(n));
        if (awaited < 0) {
            return doubled(-awaited);
        }
        if (awaited % 2 == 0) {
            return doubled(awaited + 1);
        }
        return tail(awaited - 1);
    }

    public static int tailSync(int n) {
        if (n < 0) {
            return 2 * -n;
        }
        if (n % 2 == 0) {
            return 2 * (n + 1);
        }
        return tailSync(n - 1);
    }

    /** A chain of {@code depth} nested awaits; the bottom one awaits a future of the source. */
    @Async
    public Coroutine<Integer> chain(int depth) {
        if (depth == 0) {
            return result(await(f(0)));
        }
        return result(await(chain(depth - 1)) + 1);
    }

    /**
     * The chain unrolled into a loop: in plain Java, recursion this deep can overflow the
     * stack, which is exactly what the coroutine driver must not do.
     */
    public static int chainSync(int depth) {
        int value = 0;
        for (int level = 1; level <= depth; level++) {
            value += 1;
        }
        return value;
    }

    /** The same depth through the tail form. */
    @Async
    public Coroutine<Integer> tailChain(int depth, int acc) {
        if (depth == 0) {
            return result(await(f(acc)));
        }
        return tailChain(depth - 1, acc + depth % 3);
    }

    /** Unrolled, as {@link #chainSync}. */
    public static int tailChainSync(int depth, int acc) {
        for (; depth != 0; depth--) {
            acc += depth % 3;
        }
        return acc;
    }

    /** A chain whose bottom fails; the failure unwinds every level as the same object. */
    @Async
    public Coroutine<Integer> failingChain(int depth, RuntimeException error) {
        if (depth == 0) {
            await(f(0));
            throw error;
        }
        return result(await(failingChain(depth - 1, error)) + 1);
    }

    /** A task runs on its own while this coroutine awaits something else, then is awaited. */
    @Async
    public Coroutine<String> awaitTask(int n) {
        Task<Integer> child = createTask(doubled(n));
        Task<?> mine = currentTask();
        int own = await(f(n + 1));
        int theirs = await(child);
        boolean separate = child != mine;
        return result(own + "," + theirs + "," + separate);
    }

    public static String awaitTaskSync(int n) {
        return (n + 1) + "," + 2 * n + "," + true;
    }

    /** Interop: what the stage gives, and the thread this coroutine resumed on. */
    @Async
    public static Coroutine<String> awaitStage(CompletionStage<Integer> stage, Runnable beforeAwait) {
        beforeAwait.run();
        int value = await(stage);
        return result(value + " on " + Thread.currentThread().getName());
    }

    @Async
    public static Coroutine<Throwable> catchStageFailure(CompletionStage<Integer> stage) {
        try {
            await(stage);
            return result(null);
        } catch (RuntimeException e) {
            return result(e);
        }
    }
}
