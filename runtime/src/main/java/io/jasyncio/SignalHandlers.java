package io.jasyncio;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One loop's signal handlers ({@link EventLoop#addSignalHandler}), and what each replaced, so
 * that removing one or closing the loop puts the JVM's own handling back. The JVM calls a
 * handler on a thread of its own; the handler hands the callback to the loop with
 * {@code callSoonThreadsafe}, so it runs on the loop's thread like every callback.
 */
final class SignalHandlers {
    private final EventLoop loop;
    /** By signal name: the handling in place before this loop's, to restore. */
    private final Map<String, Object> replaced = new LinkedHashMap<>();

    SignalHandlers(EventLoop loop) {
        this.loop = loop;
    }

    void add(String signal, Runnable callback) {
        Object previous = SystemSignals.handle(signal, () -> {
            try {
                loop.callSoonThreadsafe(callback);
            } catch (IllegalStateException closed) {
                // the loop is gone; its close put the JVM's handler back
            }
        });
        replaced.putIfAbsent(signal, previous); // a second add keeps what the first replaced
    }

    boolean remove(String signal) {
        Object previous = replaced.remove(signal);
        if (previous == null) {
            return false;
        }
        SystemSignals.restore(signal, previous);
        return true;
    }

    /** The loop closes: every handling it replaced comes back. */
    void removeAll() {
        replaced.forEach(SystemSignals::restore);
        replaced.clear();
    }
}
