package io.jasyncio;

/**
 * A callback scheduled for a point in time by {@link EventLoop#callLater} or
 * {@link EventLoop#callAt}. Cancelling it removes it from the loop's timer queue at once, so
 * scheduling and cancelling any number of timers keeps memory bounded by the live ones.
 */
public final class TimerHandle extends Handle {
    private final EventLoop loop;
    private final double when;
    /** Scheduling order: breaks ties between equal {@code when}s, first scheduled first. */
    final long sequence;
    /** Index in the timer queue's heap or bucket that holds it, or -1 when in none. */
    int position = -1;

    TimerHandle(EventLoop loop, double when, long sequence, Runnable callback) {
        super(callback);
        this.loop = loop;
        this.when = when;
        this.sequence = sequence;
    }

    /** The loop time, in seconds, at which the callback is due. */
    public double when() {
        return when;
    }

    /**
     * Cancels the callback and drops it from the loop's timer queue. Must be called on the
     * loop's thread.
     *
     * @throws IllegalStateException when called from another thread while the loop runs
     */
    @Override
    public void cancel() {
        if (position >= 0) {
            loop.timerCancelled(this);
        }
        super.cancel();
    }

    /** True when this timer is due before {@code other}: earlier, or equal and scheduled first. */
    boolean isBefore(TimerHandle other) {
        return when < other.when || (when == other.when && sequence < other.sequence);
    }

    @Override
    public String toString() {
        return "<TimerHandle when=" + when + (cancelled() ? " cancelled" : " " + describeCallback()) + ">";
    }
}
