package io.jasyncio;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * What a program sets on {@link EventLoop} and what the loop hands on: signal handlers, the
 * executors that take blocking work, the exception handler, and debug mode.
 * Every public method here is one of {@code EventLoop}'s, and is documented there; this class
 * keeps them apart so that {@code EventLoop.java} holds the loop itself: scheduling, running
 * and closing. The fields the loop reads while it runs ({@code debug} above all) are
 * package-private, read as the loop's own.
 */
abstract sealed class EventLoopSettings permits EventLoopTasks {
    volatile ExceptionHandler exceptionHandler;
    boolean debug;
    double slowCallbackDuration = 0.1;
    final DefaultExecutor defaultExecutor = new DefaultExecutor();
    final LiveGenerators asyncGenerators = new LiveGenerators();
    final SignalHandlers signalHandlers = new SignalHandlers((EventLoop) this);

    EventLoopSettings() {
        this.debug = debugRequestedFromOutside();
        if (debug) {
            NeverAwaited.install();
        }
    }

    /** This loop, as the rest of the runtime takes it. */
    private EventLoop loop() {
        return (EventLoop) this;
    }

    // ---- signals ---------------------------------------------------------------------------

    /**
     * Runs {@code callback} on this loop whenever the process receives {@code signal} (its
     * name as the JDK spells it: "INT", "TERM", "HUP"), replacing this loop's earlier handler
     * for it: asyncio's {@code add_signal_handler}. The handler stays until
     * {@link #removeSignalHandler} or the loop closes, which put the JVM's own handling back.
     *
     * @throws IllegalArgumentException for an unknown signal, one the JVM or the system keeps, or
     *     one the process ignored when it started (under {@code nohup}, SIGHUP; in the background
     *     of a shell, SIGINT), which the JVM lets no program handle
     * @throws UnsupportedOperationException if this runtime cannot handle signals (no
     *     {@code jdk.unsupported} module)
     */
    public void addSignalHandler(String signal, Runnable callback) {
        loop().checkThread();
        loop().checkClosed();
        if (signal == null) {
            throw new NullPointerException("signal");
        }
        signalHandlers.add(signal, Handle.requireCallback(callback));
    }

    /**
     * Removes this loop's handler for {@code signal} and puts the handling it replaced back.
     *
     * @return whether there was one
     */
    public boolean removeSignalHandler(String signal) {
        loop().checkThread();
        return signalHandlers.remove(signal);
    }

    // ---- executors -------------------------------------------------------------------------

    /**
     * Runs {@code callable} on {@code executor} (null: the loop's default executor, a pool of
     * daemon threads created on first use) and returns a future of its outcome, completed on
     * the loop's thread. Cancelling the future cancels the call if it has not started.
     *
     * @throws IllegalStateException for the default executor after {@link #shutdownDefaultExecutor()}
     */
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> callable) {
        if (callable == null) {
            throw new NullPointerException("callable");
        }
        loop().checkThread();
        loop().checkClosed();
        if (executor == null) {
            executor = defaultExecutor.get();
        }
        Future<T> future = new Future<>(loop());
        // The call runs in a copy of the caller's context, as asyncio's run_in_executor does
        // through to_thread: what it sets stays with it.
        Context captured = loop().capturedContext();
        Context runIn = captured != null ? captured : new Context(ContextMap.EMPTY);
        ExecutorCall<T> call = new ExecutorCall<>(future, () -> runIn.run(callable));
        future.addDoneCallback(call);
        executor.execute(call);
        return future;
    }

    /**
     * A coroutine that shuts the default executor down and finishes once its threads have
     * finished their work. Afterwards {@code runInExecutor(null, ...)} throws.
     */
    public Coroutine<Void> shutdownDefaultExecutor() {
        return defaultExecutor.shutdown(loop());
    }

    /**
     * A coroutine that closes every async generator that started on this loop and has not
     * finished, all at once, as {@code aclose()} does: each gets a {@link GeneratorExit} at its
     * pending {@code emit}, so that its finally blocks run, and they may await. A close that
     * fails goes to the exception handler, with the generator under {@code "asyncgen"}.
     * asyncio's {@code shutdown_asyncgens}: {@link Runner} and {@link Asyncio#run} await it as
     * they close, after cancelling the tasks left. A generator no longer referenced anywhere
     * may have been collected, and is not closed. Only generators whose body has a handler
     * ({@code finally}, {@code catch}, try-with-resources) are tracked, from their first step to
     * their end: closing the others would run nothing.
     */
    public Coroutine<Void> shutdownAsyncgens() {
        return asyncGenerators.closeAll(loop());
    }

    // ---- errors and debugging --------------------------------------------------------------

    /** Installs the handler for errors nobody else can take; null restores the default. */
    public void setExceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = handler;
    }

    /** The installed handler, or null when the default one is in use. */
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    /**
     * Hands {@code context} to the installed handler, or to {@link #defaultExceptionHandler}.
     * If the installed handler throws, the default one logs that, with the original context.
     */
    public void callExceptionHandler(ExceptionContext context) {
        ExceptionHandler handler = exceptionHandler;
        if (handler != null) {
            try {
                handler.handle(loop(), context);
                return;
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable handlerFailure) {
                context = ExceptionContext.of("Unhandled error in exception handler", handlerFailure)
                        .with("context", context);
            }
        }
        try {
            defaultExceptionHandler(context);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable loggingFailure) {
            // Nothing is left to report to; the loop must keep running.
        }
    }

    /**
     * Logs {@code context} at ERROR level on the {@code System.Logger} named "io.jasyncio": the
     * message, the other keys sorted, and the exception with its stack trace.
     */
    public void defaultExceptionHandler(ExceptionContext context) {
        EventLoop.LOG.log(System.Logger.Level.ERROR, context.toString(), context.exception());
    }

    /**
     * Whether every new loop starts in debug mode: the system property {@code jasyncio.debug}
     * is {@code true}, or the environment variable {@code JASYNCIO_DEBUG} is {@code 1}
     * (asyncio's {@code PYTHONASYNCIODEBUG}), so a program can be debugged without a change.
     */
    static boolean debugRequestedFromOutside() {
        return Boolean.parseBoolean(System.getProperty("jasyncio.debug"))
                || "1".equals(System.getenv("JASYNCIO_DEBUG"));
    }

    /**
     * Debug mode: every callback and task step is timed, and one that takes longer than
     * {@link #setSlowCallbackDuration the slow-callback duration} is logged as a warning (for a
     * task step, with the lines its innermost coroutine resumed and stopped at), and a coroutine
     * created and never awaited nor given to a task is reported with where it was created, when
     * it is collected or at the latest when the loop it was created on closes (from the first
     * time any loop enters debug mode, for every coroutine). While a Flight Recorder
     * recording has {@code jasyncio.SlowCallback} enabled, they are timed and recorded too. A new
     * loop starts in debug mode when {@code -Djasyncio.debug=true} or {@code JASYNCIO_DEBUG=1}.
     */
    public void setDebug(boolean enabled) {
        this.debug = enabled;
        if (enabled) {
            NeverAwaited.install();
        }
    }

    public boolean getDebug() {
        return debug;
    }

    /** In debug mode, callbacks longer than this many seconds (default 0.1) are logged. */
    public void setSlowCallbackDuration(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("slow callback duration must be >= 0, got " + seconds);
        }
        this.slowCallbackDuration = seconds;
    }

    public double getSlowCallbackDuration() {
        return slowCallbackDuration;
    }
}
