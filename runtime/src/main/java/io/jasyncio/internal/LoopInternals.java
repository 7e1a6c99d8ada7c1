package io.jasyncio.internal;

import io.jasyncio.EventLoop;
import java.lang.invoke.MethodHandles;

/**
 * What this package needs to know of an event loop beyond its public API. The one
 * implementation lives beside {@link EventLoop}, which installs it as it initializes; any code
 * that holds a loop or one of its futures has therefore already got it. <strong>Not for
 * users.</strong>
 */
public abstract class LoopInternals {
    private static LoopInternals installed;

    protected LoopInternals() {}

    /**
     * Installs the implementation: the event loop class does, once.
     *
     * @throws IllegalStateException if one is installed already
     */
    public static void install(LoopInternals internals) {
        if (installed != null) {
            throw new IllegalStateException("the loop's internals are installed already");
        }
        installed = internals;
    }

    /**
     * The implementation: the event loop class is initialized first if it was not yet, so that
     * callers may keep the answer in a constant, which the JIT compiles into direct calls.
     */
    static LoopInternals get() {
        if (installed == null) {
            try {
                MethodHandles.lookup().ensureInitialized(EventLoop.class);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot initialize the event loop class", e);
            }
        }
        return installed;
    }

    /**
     * Whether one of {@code loop}'s tasks is running at this moment: to be asked on the loop's
     * own thread, which alone writes the answer.
     */
    public abstract boolean runsTask(EventLoop loop);

    /**
     * {@code generator}'s first step has begun on {@code loop}, which closes it at
     * {@link EventLoop#shutdownAsyncgens()} unless it has finished by then.
     *
     * @return what the generator hands to {@link #generatorFinished} when it finishes
     */
    public abstract Object generatorStarted(EventLoop loop, GeneratorFrame generator);

    /** A generator started on {@code loop} has finished; {@code started} is what {@link #generatorStarted} gave it. */
    public abstract void generatorFinished(EventLoop loop, Object started);
}
