package io.jasyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs coroutines on one event loop, one after the other, and closes it at the end: asyncio's
 * {@code Runner}, what {@link Asyncio#run} uses once. The loop is made on first use; every
 * {@link #run} starts its coroutine as a task in the runner's context (a copy of the context
 * current when the loop was made), so the runs see each other's context variables, as
 * asyncio's do.
 *
 * <pre>{@code
 * try (Runner runner = new Runner()) {
 *     runner.run(connect());
 *     runner.run(serve());
 * }
 * }</pre>
 *
 * <p>While a run is under way on the JVM's main thread, the first Ctrl-C (SIGINT) cancels its
 * task, so the coroutine's {@code finally} blocks run and {@code run} throws the
 * {@link CancelledError}; a second one ends the JVM as usual.
 */
public final class Runner implements AutoCloseable {
    private final boolean debug;
    private final Supplier<EventLoop> loopFactory;
    private EventLoop loop;
    private Context context;
    private boolean closed;

    /** A runner whose loop is in debug mode if {@code -Djasyncio.debug=true} or {@code JASYNCIO_DEBUG=1}. */
    public Runner() {
        this(EventLoop.debugRequestedFromOutside(), null);
    }

    /**
     * A runner whose loop, made by {@code loopFactory} (null: {@link EventLoop#newEventLoop()}),
     * is put in debug mode or out of it as {@code debug} says.
     */
    public Runner(boolean debug, Supplier<EventLoop> loopFactory) {
        this.debug = debug;
        this.loopFactory = loopFactory;
    }

    /**
     * Runs {@code coro} as a task of the runner's loop until it is done, and returns its value
     * (or throws its exception as it is).
     *
     * @throws IllegalStateException if called where a loop is running, or after {@link #close()}
     */
    public <T> T run(Coroutine<T> coro) {
        if (coro == null) {
            throw new NullPointerException("coro");
        }
        if (EventLoop.running() != null) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
        }
        EventLoop running = getLoop();
        Task<T> task = running.createTask(coro, null, context);
        try (InterruptCancels interrupts = InterruptCancels.install(running, task)) {
            return running.runUntilComplete(task);
        }
    }

    /**
     * The runner's loop, made now if it was not.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public EventLoop getLoop() {
        if (closed) {
            throw new IllegalStateException("Runner is closed");
        }
        if (loop == null) {
            loop = loopFactory != null ? loopFactory.get() : EventLoop.newEventLoop();
            loop.setDebug(debug);
            context = Context.copyContext();
        }
        return loop;
    }

    /**
     * Cancels the tasks still pending and waits for them (reporting the failures other than
     * cancellations to the loop's exception handler), closes the async generators left
     * unfinished ({@link EventLoop#shutdownAsyncgens()}), shuts the default executor down and
     * closes the loop. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loop == null) {
            return;
        }
        try {
            cancelAllTasks(loop);
            loop.runUntilComplete(loop.shutdownAsyncgens());
            loop.runUntilComplete(loop.shutdownDefaultExecutor());
        } finally {
            loop.close();
        }
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
        loop.runUntilComplete(Asyncio.gather(true, left));
        for (Task<?> task : left) {
            if (!task.cancelled() && task.exception() != null) {
                loop.callExceptionHandler(ExceptionContext.of(
                        "unhandled exception during Asyncio.run() shutdown", task.exception()).with("task", task));
            }
        }
    }
}
