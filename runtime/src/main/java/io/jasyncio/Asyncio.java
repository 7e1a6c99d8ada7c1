package io.jasyncio;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

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
        return run(main, EventLoop.debugRequestedFromOutside());
    }

    /**
     * {@link #run(Coroutine)} with the new loop's {@linkplain EventLoop#setDebug debug mode}
     * set to {@code debug} (asyncio's {@code run(main, debug=...)}).
     *
     * @throws IllegalStateException if called on a thread where a loop is running
     */
    public static <T> T run(Coroutine<T> main, boolean debug) {
        if (EventLoop.running() != null) {
            throw new IllegalStateException("Asyncio.run() cannot be called from a running event loop");
        }
        if (main == null) {
            throw new NullPointerException("main");
        }
        try (Runner runner = new Runner(debug, null)) {
            return runner.run(main);
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

    /**
     * What an async generator's {@code await(emit(value))} awaits: the generator stops there,
     * and its consumer's {@code await(hasNext())} completes with true, {@code next()} giving
     * {@code value}. See {@link AsyncGenerator}.
     *
     * @throws IllegalStateException outside the body of an async generator (the bytecode pass
     *     rewrites the calls in there)
     */
    public static <T> Awaitable<Void> emit(T value) {
        throw io.jasyncio.internal.GeneratorFrame.emitOutsideGenerator();
    }

    /**
     * {@code return end();} ends an {@link Async @Async} method that returns
     * {@link AsyncGenerator}: its consumer's {@code hasNext()} gives false.
     *
     * @throws IllegalStateException always, when reached untransformed
     */
    public static <T> AsyncGenerator<T> end() {
        throw NotRewritten.await();
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
        Seconds.requireNumber(delay, "delay");
        return new SleepCoroutine<>(delay, value);
    }

    /** {@link #sleep(double)} with a {@link Duration}. */
    public static Coroutine<Void> sleep(Duration delay) {
        return sleep(Seconds.of(delay), null);
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
        Seconds.requireNumber(delay, "delay");
        EventLoop loop = getRunningLoop();
        return new Timeout(loop, loop.time() + delay);
    }

    /** {@link #timeout(double)} with a {@link Duration}. */
    public static Timeout timeout(Duration delay) {
        return timeout(Seconds.of(delay));
    }

    /** {@link #timeout(double)} with an absolute deadline in loop time ({@link EventLoop#time()}). */
    public static Timeout timeoutAt(double when) {
        Seconds.requireNumber(when, "when");
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

    /**
     * Who waits for whom around {@code future} (Python 3.14's {@code capture_call_graph}): for a
     * task, where its coroutines are suspended; what it waits for, followed down through tasks
     * waiting for tasks; and the tasks waiting for it, followed up. Call it on the loop's thread.
     */
    public static CallGraph captureCallGraph(Future<?> future) {
        future.loop.checkThread();
        return new CallGraph(future, callStackOf(future), awaitsOf(future, new HashSet<>()),
                awaitedByOf(future, new HashSet<>(Set.of(future))));
    }

    /** {@link #captureCallGraph} printed to {@code System.out} (Python 3.14's {@code print_call_graph}). */
    public static void printCallGraph(Future<?> future) {
        printCallGraph(future, System.out);
    }

    /** {@link #captureCallGraph} printed to {@code out}. */
    public static void printCallGraph(Future<?> future, PrintStream out) {
        out.print(captureCallGraph(future));
    }

    private static List<StackTraceElement> callStackOf(Future<?> future) {
        if (!(future instanceof Task<?> task)) {
            return List.of();
        }
        List<StackTraceElement> stack = new ArrayList<>(task.getStack());
        Collections.reverse(stack);
        return List.copyOf(stack);
    }

    private static CallGraph awaitsOf(Future<?> future, Set<Future<?>> seen) {
        Future<?> awaited = future instanceof Task<?> task ? task.waitingFor() : null;
        if (awaited == null || !seen.add(awaited)) {
            return null;
        }
        return new CallGraph(awaited, callStackOf(awaited), awaitsOf(awaited, seen), List.of());
    }

    private static List<CallGraph> awaitedByOf(Future<?> future, Set<Future<?>> seen) {
        List<CallGraph> waiters = new ArrayList<>();
        for (Future<?> waiter : future.waiters()) {
            if (seen.add(waiter)) {
                waiters.add(new CallGraph(waiter, callStackOf(waiter), null, awaitedByOf(waiter, seen)));
            }
        }
        return List.copyOf(waiters);
    }

    // ---- gather, wait, waitFor, shield, asCompleted, toThread (asyncio.tasks / threads) ----

    /**
     * A future of the results of {@code aws}, in argument order, once all of them are done:
     * asyncio's {@code gather}. Coroutines are wrapped in tasks on the running loop; an
     * awaitable given twice is one child whose result appears twice. If a child fails or is
     * cancelled, the returned future fails with that exception (a {@link CancelledError} for a
     * cancellation) at once, and the other children are <em>not</em> cancelled: they go on.
     * Cancelling the returned future cancels every child that is not done (and returns whether
     * any accepted); once they have all finished, it fails with a {@code CancelledError}
     * carrying the cancel message. Cancelling a task that awaits it therefore cancels the
     * children. With no arguments, the future is already done with an empty list.
     *
     * <pre>{@code
     * @Async
     * Coroutine<Integer> total() {
     *     List<Integer> sizes = await(gather(fetchSize("a"), fetchSize("b")));
     *     return result(sizes.get(0) + sizes.get(1));
     * }
     * }</pre>
     *
     * <p>Implementation note: a future subclass with one done callback per distinct child, as
     * asyncio's {@code _GatheringFuture}; nothing suspends or polls. The loop is the first
     * argument's loop when it is a future, else the running one.
     *
     * @throws IllegalArgumentException if futures from different loops are given (checked
     *     before any task is created)
     * @throws IllegalStateException if a coroutine is given (or there are no arguments) and no
     *     loop is running on this thread
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Awaitable<? extends T>... aws) {
        return GatheringFuture.gather(false, Arrays.asList(aws));
    }

    /**
     * {@link #gather(Awaitable[])}, and with {@code returnExceptions} a child's exception (or,
     * for a cancelled child, a {@link CancelledError}) takes its place in the list instead of
     * failing the whole, so the list holds results and {@code Throwable}s, hence
     * {@code List<Object>}. Cancelling the gather itself still fails it with a CancelledError.
     *
     * <pre>{@code
     * List<Object> outcomes = await(gather(true, task1, task2));
     * for (Object o : outcomes) if (o instanceof Throwable t) log(t);
     * }</pre>
     */
    public static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... aws) {
        return GatheringFuture.gather(returnExceptions, Arrays.asList(aws));
    }

    /**
     * {@link #gather(Awaitable[])} of a list, typed by the list's elements.
     *
     * <pre>{@code
     * List<Task<String>> tasks = urls.stream().map(u -> createTask(download(u))).toList();
     * List<String> pages = await(gather(tasks));
     * }</pre>
     */
    public static <T> Future<List<T>> gather(List<? extends Awaitable<? extends T>> aws) {
        return GatheringFuture.gather(false, new ArrayList<>(aws));
    }

    /** {@link #gather(boolean, Awaitable[])} of a list. */
    public static Future<List<Object>> gather(boolean returnExceptions, List<? extends Awaitable<?>> aws) {
        return GatheringFuture.gather(returnExceptions, new ArrayList<>(aws));
    }

    /**
     * A coroutine that waits until the futures in {@code fs} are done as {@code returnWhen}
     * says, or until {@code timeout} seconds have passed, and gives the {@link Done} futures and
     * the pending ones: asyncio's {@code wait}. A timeout throws nothing and cancels nothing:
     * what is not done is in {@link Done#pending()}. Cancelling the waiting task does not
     * cancel the futures either. The sets are computed when the waiting task resumes, so a
     * future that finished in the meantime is in {@code done}. Duplicates count once. A timeout
     * of zero or less returns after one loop iteration; a non-finite one
     * ({@code Double.POSITIVE_INFINITY}) means none.
     *
     * <pre>{@code
     * Done<String> d = await(Asyncio.wait(List.of(t1, t2), ReturnWhen.FIRST_COMPLETED, 5.0));
     * for (Future<String> f : d.done()) use(f.result());
     * }</pre>
     * (Write {@code Asyncio.wait}: an unqualified {@code wait(...)} in an instance method
     * means {@code Object.wait}.)
     *
     * <p>Implementation note: an {@code @Async} method awaiting one private waiter future
     * that the futures' done callbacks, or a timer, complete; the arguments are checked when it
     * is awaited, as asyncio's are.
     *
     * @throws IllegalArgumentException when awaited, if {@code fs} is empty ("Set of
     *     Tasks/Futures is empty."), holds a coroutine that is not a future ("Passing coroutines
     *     is forbidden, use tasks explicitly.") or a future of another loop
     */
    public static <T> Coroutine<Done<T>> wait(Collection<? extends Awaitable<T>> fs,
            ReturnWhen returnWhen, double timeout) {
        if (fs == null) {
            throw new NullPointerException("fs");
        }
        if (returnWhen == null) {
            throw new NullPointerException("returnWhen");
        }
        Seconds.requireNumber(timeout, "timeout");
        return Waits.wait(fs, returnWhen, timeout);
    }

    /** {@link #wait(Collection, ReturnWhen, double)} with a {@link Duration}. */
    public static <T> Coroutine<Done<T>> wait(Collection<? extends Awaitable<T>> fs,
            ReturnWhen returnWhen, Duration timeout) {
        return wait(fs, returnWhen, Seconds.of(timeout));
    }

    /** {@link #wait(Collection, ReturnWhen, double)} without a timeout. */
    public static <T> Coroutine<Done<T>> wait(Collection<? extends Awaitable<T>> fs,
            ReturnWhen returnWhen) {
        return wait(fs, returnWhen, Double.POSITIVE_INFINITY);
    }

    /** {@link #wait(Collection, ReturnWhen, double)} for {@link ReturnWhen#ALL_COMPLETED}. */
    public static <T> Coroutine<Done<T>> wait(Collection<? extends Awaitable<T>> fs, double timeout) {
        return wait(fs, ReturnWhen.ALL_COMPLETED, timeout);
    }

    /** {@link #wait(Collection, double)} with a {@link Duration}. */
    public static <T> Coroutine<Done<T>> wait(Collection<? extends Awaitable<T>> fs, Duration timeout) {
        return wait(fs, ReturnWhen.ALL_COMPLETED, Seconds.of(timeout));
    }

    /** {@link #wait(Collection, ReturnWhen, double)}: all completed, no timeout. */
    public static <T> Coroutine<Done<T>> wait(Collection<? extends Awaitable<T>> fs) {
        return wait(fs, ReturnWhen.ALL_COMPLETED, Double.POSITIVE_INFINITY);
    }

    /**
     * A coroutine that awaits {@code aw} for at most {@code timeout} seconds: asyncio 3.11's
     * {@code wait_for}. On timeout it cancels {@code aw} (a coroutine is run as a task) and
     * <em>waits until it has really finished</em> (its cleanup may await), then throws
     * {@link TimeoutError} whose cause is the {@link CancelledError}; if {@code aw} refused the
     * cancel and returned a value, that value is given instead, and if it failed otherwise,
     * that exception is thrown. With {@code timeout <= 0}, a done future gives its outcome and
     * anything else is cancelled at once (a coroutine never starts) and the TimeoutError
     * thrown. A non-finite timeout means none: {@code aw} is simply awaited. Cancelling the
     * caller cancels {@code aw}, waits for it, and rethrows the CancelledError (unless
     * {@code aw} had already finished: then its outcome is given).
     *
     * <pre>{@code
     * try {
     *     String page = await(waitFor(download(url), 10.0));
     * } catch (TimeoutError e) {   // catch it before CancelledError, its superclass
     *     log("too slow");
     * }
     * }</pre>
     *
     * <p>Implementation note: it waits on private waiter futures (released by a timer or by
     * {@code aw}'s done callback) rather than on {@code aw}, so that the caller stays
     * cancellable.
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> aw, double timeout) {
        if (aw == null) {
            throw new NullPointerException("aw");
        }
        Seconds.requireNumber(timeout, "timeout");
        return Waits.waitFor(aw, timeout);
    }

    /** {@link #waitFor(Awaitable, double)} with a {@link Duration}. */
    public static <T> Coroutine<T> waitFor(Awaitable<T> aw, Duration timeout) {
        return waitFor(aw, Seconds.of(timeout));
    }

    /**
     * Protects {@code aw} from cancellation: asyncio's {@code shield}. Gives a future that
     * mirrors {@code aw}'s result, exception or cancellation; cancelling that future (or the
     * task awaiting it) cancels only the future, and {@code aw} (a coroutine is run as a task)
     * goes on to its end. If {@code aw} is a future that is already done, it is returned as it
     * is.
     *
     * <pre>{@code
     * try {
     *     await(shield(saveToDisk(data)));   // goes on even if this task is cancelled
     * } catch (CancelledError e) { ... }
     * }</pre>
     *
     * <p>Implementation note: two done callbacks, as asyncio's: the inner future's copies its
     * outcome to the outer one (unless that is cancelled, in which case the inner exception is
     * marked retrieved); the outer one's removes the first if the inner is not done.
     */
    public static <T> Future<T> shield(Awaitable<T> aw) {
        Future<T> inner = ensureFuture(aw);
        if (inner.done()) {
            return inner;
        }
        Future<T> outer = inner.getLoop().createFuture();
        Consumer<Future<T>> innerDone = done -> {
            if (outer.cancelled()) {
                if (!done.cancelled()) {
                    done.exception(); // mark it retrieved
                }
                return;
            }
            if (done.cancelled()) {
                outer.cancel();
            } else if (done.exception() != null) {
                outer.setException(done.exception());
            } else {
                outer.setResult(done.result());
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(done -> {
            if (!inner.done()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }

    /**
     * Coroutines giving the outcomes of {@code fs} in the order they complete: asyncio 3.11's
     * {@code as_completed}. The list has one coroutine per distinct awaitable (coroutines are
     * run as tasks at once); awaiting the first gives the result (or throws the exception) of
     * the first to complete, and so on, whichever coroutine of the list is awaited first. After
     * {@code timeout} seconds, each remaining await throws {@link TimeoutError}; nothing is
     * cancelled. A non-finite timeout means none.
     *
     * <pre>{@code
     * for (Coroutine<String> next : asCompleted(tasks, 30.0)) {
     *     String page = await(next);   // the earliest first
     * }
     * }</pre>
     *
     * <p>Implementation note: done callbacks put the futures on a FIFO queue (asyncio's is an
     * {@code asyncio.Queue}; this one is inlined) which the coroutines take from; a timer puts
     * one marker per unfinished future instead. Started at once, as asyncio's iterator is when
     * first advanced.
     *
     * @throws IllegalArgumentException if futures from different loops are given
     * @throws IllegalStateException if a coroutine is given and no loop is running here
     */
    public static <T> List<Coroutine<T>> asCompleted(Collection<? extends Awaitable<T>> fs, double timeout) {
        if (fs == null) {
            throw new NullPointerException("fs");
        }
        Seconds.requireNumber(timeout, "timeout");
        return AsCompleted.start(fs, timeout);
    }

    /**
     * The futures of {@code fs} themselves, as they complete: asyncio 3.13's {@code async for f
     * in as_completed(fs)}, which hands out the original futures and tasks (a coroutine is run
     * as a task at once, and that task is handed out). After {@code timeout} seconds
     * {@code hasNext()} throws {@link TimeoutError}; nothing is cancelled. A non-finite timeout
     * means none.
     *
     * <pre>{@code
     * AsyncIterator<Future<Connection>> attempts = asCompletedIterator(tries, 5.0);
     * while (await(attempts.hasNext())) {
     *     Future<Connection> earliest = attempts.next();
     *     ...
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException if futures from different loops are given
     * @throws IllegalStateException if a coroutine is given and no loop is running here
     */
    public static <T> AsyncIterator<Future<T>> asCompletedIterator(Collection<? extends Awaitable<T>> fs,
            double timeout) {
        if (fs == null) {
            throw new NullPointerException("fs");
        }
        Seconds.requireNumber(timeout, "timeout");
        return AsCompleted.iterate(fs, timeout);
    }

    /** {@link #asCompleted(Collection, double)} with a {@link Duration}. */
    public static <T> List<Coroutine<T>> asCompleted(Collection<? extends Awaitable<T>> fs, Duration timeout) {
        return asCompleted(fs, Seconds.of(timeout));
    }

    /** {@link #asCompleted(Collection, double)} without a timeout. */
    public static <T> List<Coroutine<T>> asCompleted(Collection<? extends Awaitable<T>> fs) {
        return asCompleted(fs, Double.POSITIVE_INFINITY);
    }

    /**
     * Runs {@code call} on the running loop's default executor and gives a future of its
     * outcome, completed on the loop's thread: asyncio's {@code to_thread}. Cancelling the
     * future stops the call only if it has not started.
     *
     * <pre>{@code
     * byte[] data = await(toThread(() -> Files.readAllBytes(path)));
     * }</pre>
     *
     * <p>Implementation note: {@code getRunningLoop().runInExecutor(null, call)}. asyncio's is
     * a coroutine; this returns the future at once, since there is no context to copy and
     * starting the call early changes nothing a caller can observe besides timing.
     *
     * @throws IllegalStateException if no loop is running on this thread, or its default
     *     executor was shut down
     */
    public static <T> Future<T> toThread(Callable<T> call) {
        return getRunningLoop().runInExecutor(null, call);
    }

    /**
     * Submits {@code coro} to {@code loop} from any other thread (a servlet's, a test's) and
     * returns a {@link CompletableFuture} of its outcome: asyncio's
     * {@code run_coroutine_threadsafe}. The coroutine runs as a task of {@code loop}, created
     * on the loop's thread. The returned future completes with the task's result, completes
     * exceptionally with its exception, or is cancelled when the task is; cancelling it cancels
     * the task (before its first step, the coroutine never runs).
     *
     * <pre>{@code
     * CompletableFuture<User> user = Asyncio.runCoroutineThreadsafe(users.load(id), loop);
     * return user.get(5, TimeUnit.SECONDS);
     * }</pre>
     *
     * @throws IllegalStateException if {@code loop} is closed
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        if (coro == null) {
            throw new NullPointerException("coro");
        }
        if (loop == null) {
            throw new NullPointerException("loop");
        }
        CompletableFuture<T> outcome = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            Task<T> task = loop.createTask(coro);
            // The task's outcome goes to the future, the future's cancellation to the task.
            task.addDoneCallback(done -> {
                if (done.cancelled()) {
                    outcome.cancel(false);
                } else if (done.exception() != null) {
                    outcome.completeExceptionally(done.exception());
                } else {
                    outcome.complete(done.result());
                }
            });
            outcome.whenComplete((value, failure) -> {
                if (outcome.isCancelled() && !task.done()) {
                    try {
                        loop.callSoonThreadsafe(() -> task.cancel());
                    } catch (IllegalStateException closed) {
                        // the loop is gone: nothing is left to cancel
                    }
                }
            });
        });
        return outcome;
    }
}
