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
     * @throws IllegalArgumentException for an unknown signal, one the JVM or the system keeps
     *     (the JVM's message says which), or one the process ignored when it started
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
            sun.misc.Signal number = new sun.misc.Signal(signal);
            sun.misc.SignalHandler ours = received -> action.run();
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(number, ours);
            // The JVM installs nothing, and says so only by answering "ignored", for a signal
            // the process ignored when it started: asked again, it answers "ignored" again
            // instead of giving back the handler it was just given.
            if (previous == sun.misc.SignalHandler.SIG_IGN && sun.misc.Signal.handle(number, ours) != ours) {
                throw new IllegalArgumentException("SIG" + signal + " is ignored by this process, as it was"
                        + " when the process started (under nohup, or in the background of a shell), and the"
                        + " JVM lets no program handle such a signal");
            }
            return previous;
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
