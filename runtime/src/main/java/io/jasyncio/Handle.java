package io.jasyncio;

/**
 * A callback scheduled on an {@link EventLoop}, returned by {@link EventLoop#callSoon} and
 * {@link EventLoop#callSoonThreadsafe}; it can be cancelled until it runs.
 */
public class Handle {
    private Runnable callback;
    private boolean cancelled;
    /** Link in the loop's queue of callbacks submitted from other threads. */
    Handle nextRemote;

    Handle(Runnable callback) {
        this.callback = callback;
    }

    /**
     * Cancels the callback: if it has not run yet, it never will. Idempotent. Not thread-safe:
     * call it on the loop's thread (or, for a handle of a loop that is not running, on the
     * thread that owns it).
     */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            callback = null;
        }
    }

    /** True if {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
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
        return "<Handle" + (cancelled ? " cancelled" : " " + describeCallback()) + ">";
    }
}
