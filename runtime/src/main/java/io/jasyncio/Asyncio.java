package io.jasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * asyncio's module-level functions: run a program, await, sleep, create and find tasks.
 *
 * <pre>{@code
 * import static io.jasyncio.Asyncio.*;
 *
 * @Async
 * Coroutine<String> greet(String name) {
 *     await(sleep(0.1));
 *     return result("hello " + name);
 * }
 *
 * String s = Asyncio.run(greet("world"));
 * }</pre>
 */
public final class Asyncio {
    private Asyncio() {}

    /**
     * Runs {@code main} in a new event loop and returns its value (or throws its exception as
     * it is). Then cancels the tasks still pending and waits for them, shuts the default
     * executor down and closes the loop.
     *
     * @throws IllegalStateException if called on a thread where a loop is running
     */
    public static <T> T run(Coroutine<T> main) {
        if (EventLoop.running() != null) {
            throw new IllegalStateException("Asyncio.run() cannot be called from a running event loop");
        }
        if (main == null) {
            throw new NullPointerException("main");
        }
        EventLoop loop = EventLoop.newEventLoop();
        try {
            return loop.runUntilComplete(main);
        } finally {
            try {
                cancelAllTasks(loop);
                loop.runUntilComplete(loop.shutdownDefaultExecutor());
            } finally {
                loop.close();
            }
        }
    }

    /**
     * Waits for {@code awaitable} inside an {@link Async @Async} method: a coroutine runs inline
     * in the current task; a future suspends the task (never the thread) until it is done.
     * Returns the result, or throws the original exception.
     *
     * <p>Only the jasyncio bytecode pass makes this work: it rewrites every call in an
     * {@code @Async} method. Reached in code compiled without it, this throws.
     *
     * @throws IllegalStateException always, when reached untransformed
     */
    public static <T> T await(Awaitable<T> awaitable) {
        throw NotRewritten.await();
    }

    /**
     * Waits for a {@link CompletionStage} inside an {@link Async @Async} method; the task
     * resumes on the loop's thread whichever thread completes the stage.
     *
     * @throws IllegalStateException always, when reached untransformed
     * @see #wrapFuture(CompletionStage)
     */
    public static <T> T await(CompletionStage<T> stage) {
        throw NotRewritten.await();
    }

    /** The value an {@link Async @Async} method returns: {@code return result(value);}. */
    public static <T> Coroutine<T> result(T value) {
        return new ValueCoroutine<>(value);
    }

    /** {@code return result();} ends an {@link Async @Async} method of {@code Coroutine<Void>}. */
    public static Coroutine<Void> result() {
        return new ValueCoroutine<>(null);
    }

    /**
     * A coroutine that waits {@code delay} seconds. A delay of zero or less gives up the loop
     * for exactly one iteration: callbacks queued before it have run when it returns.
     */
    public static Coroutine<Void> sleep(double delay) {
        return sleep(delay, null);
    }

    /** {@link #sleep(double)}, returning {@code value}. */
    public static <T> Coroutine<T> sleep(double delay, T value) {
        if (Double.isNaN(delay)) {
            throw new IllegalArgumentException("delay must be a number, got NaN");
        }
        return new SleepCoroutine<>(delay, value);
    }

    /** {@link #sleep(double)} with a {@link Duration}. */
    public static Coroutine<Void> sleep(Duration delay) {
        return sleep(EventLoop.seconds(delay), null);
    }

    /**
     * A deadline {@code delay} seconds from now for the block it opens, in a task:
     * {@code try (Timeout t = timeout(1.0)) { ... }} throws {@link TimeoutError} out of the
     * block if the deadline passes, after cancelling what was running inside. An infinite
     * delay sets no deadline (it can be set later with {@link Timeout#reschedule}).
     *
     * @throws IllegalStateException outside a task
     */
    public static Timeout timeout(double delay) {
        if (Double.isNaN(delay)) {
            throw new IllegalArgumentException("delay must be a number, got NaN");
        }
        EventLoop loop = getRunningLoop();
        return new Timeout(loop, loop.time() + delay);
    }

    /** {@link #timeout(double)} with a {@link Duration}. */
    public static Timeout timeout(Duration delay) {
        return timeout(EventLoop.seconds(delay));
    }

    /** {@link #timeout(double)} with an absolute deadline in loop time ({@link EventLoop#time()}). */
    public static Timeout timeoutAt(double when) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("when must be a number, got NaN");
        }
        return new Timeout(getRunningLoop(), when);
    }

    /**
     * Wraps {@code coro} in a task on the running loop.
     *
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static <T> Task<T> createTask(Coroutine<T> coro) {
        return getRunningLoop().createTask(coro);
    }

    /** {@link #createTask(Coroutine)} with a name. */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return getRunningLoop().createTask(coro, name);
    }

    /**
     * A future for {@code awaitable}: a future as it is, a coroutine wrapped in a task on the
     * running loop.
     */
    public static <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
        if (awaitable instanceof Future<T> future) {
            return future;
        }
        return getRunningLoop().ensureFuture(awaitable);
    }

    /**
     * A future on the running loop that completes as {@code stage} does, on the loop's thread,
     * whichever thread completes the stage. Cancelling the future cancels the stage when it is
     * a {@link java.util.concurrent.Future}.
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        EventLoop loop = getRunningLoop();
        Future<T> future = loop.createFuture();
        future.addDoneCallback(done -> {
            if (done.cancelled() && stage instanceof java.util.concurrent.Future<?> cancellable) {
                cancellable.cancel(false);
            }
        });
        stage.whenComplete((value, error) -> loop.callSoonThreadsafe(() -> {
            if (future.done()) {
                return;
            }
            if (error == null) {
                future.setResult(value);
            } else {
                future.setException(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        }));
        return future;
    }

    /**
     * The loop running on this thread.
     *
     * @throws IllegalStateException "no running event loop" outside a loop's callbacks and tasks
     */
    public static EventLoop getRunningLoop() {
        EventLoop loop = EventLoop.running();
        if (loop == null) {
            throw new IllegalStateException("no running event loop");
        }
        return loop;
    }

    /** The task whose step is running now; null in a plain callback or outside a loop. */
    public static Task<?> currentTask() {
        EventLoop loop = EventLoop.running();
        return loop == null ? null : loop.currentTask();
    }

    /**
     * The running loop's tasks that are not done yet, oldest first.
     *
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static Set<Task<?>> allTasks() {
        return getRunningLoop().allTasks();
    }

    /** asyncio.run's clean-up: cancel what is left, wait for it, report real failures. */
    private static void cancelAllTasks(EventLoop loop) {
        Set<Task<?>> tasks = loop.allTasks();
        if (tasks.isEmpty()) {
            return;
        }
        List<Task<?>> left = new ArrayList<>(tasks);
        for (Task<?> task : left) {
            task.cancel();
        }
        Future<Void> allDone = loop.createFuture();
        int[] pending = {left.size()};
        for (Task<?> task : left) {
            task.addDoneCallback(done -> {
                if (--pending[0] == 0) {
                    allDone.setResult(null);
                }
            });
        }
        loop.runUntilComplete(allDone);
        for (Task<?> task : left) {
            if (!task.cancelled() && task.exception() != null) {
                loop.callExceptionHandler(ExceptionContext.of(
                        "unhandled exception during Asyncio.run() shutdown", task.exception()).with("task", task));
            }
        }
    }
}
