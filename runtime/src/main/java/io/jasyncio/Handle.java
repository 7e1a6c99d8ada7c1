package io.jasyncio;

/**
 * A callback scheduled on an {@link EventLoop}, returned by {@link EventLoop#callSoon} and
 * {@link EventLoop#callSoonThreadsafe}; it can be cancelled until it runs.
 */
public class Handle {
    /**
     * Stands in for the callback once cancelled. Cancelled-ness is kept in the callback field
     * rather than a flag of its own so that a handle is a 16-byte object: a header and one
     * reference (a boolean would round it up to 24).
     */
    private static final Runnable CANCELLED = () -> { };

    /** The callback; {@code null} in subclasses that run something of their own. */
    private Runnable callback;

    /** {@code callback}, which a schedule must have. */
    static Runnable requireCallback(Runnable callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        return callback;
    }

    Handle(Runnable callback) {
        this.callback = callback;
    }

    /**
     * Cancels the callback: if it has not run yet, it never will. Idempotent. Not thread-safe:
     * call it on the loop's thread (or, for a handle of a loop that is not running, on the
     * thread that owns it).
     */
    public void cancel() {
        callback = CANCELLED; // drops the callback, and what it holds, at once
    }

    /** True if {@link #cancel()} was called. */
    public boolean cancelled() {
        return callback == CANCELLED;
    }

    /** Runs the callback; the loop calls it once, and only if not cancelled. */
    void run() {
        callback.run();
    }

    /** What the callback is, for {@code toString} and for the loop's log messages. */
    String describeCallback() {
        return String.valueOf(callback);
    }

    @Override
    public String toString() {
        return "<Handle" + (cancelled() ? " cancelled" : " " + describeCallback()) + ">";
    }
}
