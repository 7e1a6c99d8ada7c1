package io.jasyncio;

/**
 * {@link Runner}'s handling of Ctrl-C: while a run is under way on the JVM's main thread, the
 * first SIGINT cancels the run's task (from the signal's thread, through
 * {@code callSoonThreadsafe}), and puts the JVM's handler back, so that a second one ends the
 * program as usual. asyncio's {@code Runner} does the same with {@code KeyboardInterrupt}.
 * Where signals cannot be handled ({@link SystemSignals}), nothing is installed.
 */
final class InterruptCancels implements AutoCloseable {
    private static final InterruptCancels NONE = new InterruptCancels(null);

    private Object previous;

    private InterruptCancels(Object previous) {
        this.previous = previous;
    }

    /** Installs the handler for the run of {@code task}, if this is the main thread and signals can be handled. */
    static InterruptCancels install(EventLoop loop, Task<?> task) {
        Thread current = Thread.currentThread();
        if (!SystemSignals.available() || !"main".equals(current.getName()) || current.getThreadGroup() == null
                || !"main".equals(current.getThreadGroup().getName())) {
            return NONE;
        }
        InterruptCancels installed = new InterruptCancels(null);
        try {
            installed.previous = SystemSignals.handle("INT", () -> {
                installed.close(); // the next one ends the JVM
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
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError refused) {
            return NONE;
        }
        return installed;
    }

    @Override
    public synchronized void close() {
        if (previous != null) {
            SystemSignals.restore("INT", previous);
            previous = null;
        }
    }
}
