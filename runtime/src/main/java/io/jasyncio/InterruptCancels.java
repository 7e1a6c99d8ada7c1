package io.jasyncio;

/**
 * {@link Runner}'s handling of Ctrl-C: while a run is under way on the JVM's main thread, the
 * first SIGINT cancels the run's task (from the signal's thread, through
 * {@code callSoonThreadsafe}), and puts the JVM's handler back, so that a second one ends the
 * program as usual. asyncio's {@code Runner} does the same with {@code KeyboardInterrupt}.
 *
 * <p>Signals go through {@code sun.misc.Signal} (module {@code jdk.unsupported}, in every JDK);
 * where it is missing or refused (a trimmed runtime, {@code -Xrs}), nothing is installed.
 */
final class InterruptCancels implements AutoCloseable {
    private static final boolean SIGNALS = ModuleLayer.boot().findModule("jdk.unsupported").isPresent();
    private static final InterruptCancels NONE = new InterruptCancels(null);

    private final Signals.Installed installed;

    private InterruptCancels(Signals.Installed installed) {
        this.installed = installed;
    }

    /** Installs the handler for the run of {@code task}, if this is the main thread and signals can be handled. */
    static InterruptCancels install(EventLoop loop, Task<?> task) {
        Thread current = Thread.currentThread();
        if (!SIGNALS || !"main".equals(current.getName()) || current.getThreadGroup() == null
                || !"main".equals(current.getThreadGroup().getName())) {
            return NONE;
        }
        Signals.Installed installed = Signals.onInterrupt(() -> {
            try {
                loop.callSoonThreadsafe(() -> {
                    if (!task.done()) {
                        task.cancel();
                    }
                });
            } catch (IllegalStateException closed) {
                // the run is over: nothing left to cancel
            }
        });
        return installed == null ? NONE : new InterruptCancels(installed);
    }

    @Override
    public void close() {
        if (installed != null) {
            installed.restore();
        }
    }

    /** Holds the only references to {@code sun.misc.Signal}, loaded once {@link #SIGNALS} says it can be. */
    private static final class Signals {
        /** A handler installed, with the one it replaced. */
        record Installed(sun.misc.Signal signal, sun.misc.SignalHandler previous) {
            void restore() {
                try {
                    sun.misc.Signal.handle(signal, previous);
                } catch (IllegalArgumentException | IllegalStateException refused) {
                    // not ours to restore any more
                }
            }
        }

        /** Installs {@code action} for the first SIGINT; null if the JVM refuses it. */
        static Installed onInterrupt(Runnable action) {
            try {
                sun.misc.Signal interrupt = new sun.misc.Signal("INT");
                sun.misc.SignalHandler[] previous = new sun.misc.SignalHandler[1];
                previous[0] = sun.misc.Signal.handle(interrupt, signal -> {
                    sun.misc.Signal.handle(signal, previous[0]); // the next one ends the JVM
                    action.run();
                });
                return new Installed(interrupt, previous[0]);
            } catch (IllegalArgumentException | IllegalStateException | LinkageError refused) {
                return null;
            }
        }
    }
}
