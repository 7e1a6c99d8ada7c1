package io.jasyncio;

/**
 * The JVM's signal handling, for {@link EventLoop#addSignalHandler} and {@link Runner}'s
 * Ctrl-C: through {@code sun.misc.Signal} (module {@code jdk.unsupported}, in every JDK), the
 * one way a Java program can handle SIGINT, SIGTERM or SIGHUP. A handler runs on a thread the
 * JVM starts for the signal, never on a loop's thread: actions hand their work to a loop with
 * {@code callSoonThreadsafe}.
 */
final class SystemSignals {
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.unsupported").isPresent();

    private SystemSignals() {}

    /** Whether signals can be handled at all in this runtime. */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * Runs {@code action} on each {@code signal} (a name as the JDK spells it: "INT", "TERM",
     * "HUP") from now on; returns the handler it replaced, for {@link #restore}.
     *
     * @throws IllegalArgumentException for an unknown signal, or one the JVM or the system keeps
     *     (the JVM's message says which)
     * @throws UnsupportedOperationException if the runtime has no {@code jdk.unsupported}
     */
    static Object handle(String signal, Runnable action) {
        if (!AVAILABLE) {
            throw new UnsupportedOperationException("signal handling needs the jdk.unsupported module");
        }
        return Sun.handle(signal, action);
    }

    /** Puts back the handler {@link #handle} replaced. */
    static void restore(String signal, Object previous) {
        Sun.restore(signal, previous);
    }

    /** Holds the only references to {@code sun.misc.Signal}, loaded once {@link #AVAILABLE} says it can be. */
    private static final class Sun {
        static Object handle(String signal, Runnable action) {
            return sun.misc.Signal.handle(new sun.misc.Signal(signal), received -> action.run());
        }

        static void restore(String signal, Object previous) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(signal), (sun.misc.SignalHandler) previous);
            } catch (IllegalArgumentException | IllegalStateException refused) {
                // no longer ours to restore
            }
        }
    }
}
