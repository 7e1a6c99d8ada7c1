package io.jasyncio;

/**
 * The loop's Flight Recorder events, behind two guards: the {@code jdk.jfr} module may be
 * absent from a trimmed runtime image, and until the JVM has started Flight Recorder nothing
 * of it is touched (no event class is loaded, so a program that never records pays no start-up
 * for it). Asking whether an event is wanted then costs a static read per loop iteration.
 */
final class Jfr {
    private static final boolean PRESENT = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private Jfr() {}

    /** Whether a recording wants {@code jasyncio.SlowCallback} now. */
    static boolean slowCallbackEnabled() {
        return PRESENT && Recorder.started() && SlowCallbackEvent.TYPE.isEnabled();
    }

    static void slowCallback(long tookNanos, Handle handle, StackTraceElement resumedAt, StackTraceElement stoppedAt) {
        SlowCallbackEvent event = new SlowCallbackEvent();
        event.took = tookNanos;
        event.callback = handle.toString();
        if (handle instanceof TaskStep step) {
            event.coroutine = String.valueOf(step.task().getCoro());
        }
        event.resumedAt = resumedAt == null ? null : resumedAt.toString();
        event.stoppedAt = stoppedAt == null ? null : stoppedAt.toString();
        event.commit();
    }

    /** Holds the only reference to {@code FlightRecorder}, loaded once {@link #PRESENT} says it can be. */
    private static final class Recorder {
        static boolean started() {
            return jdk.jfr.FlightRecorder.isInitialized();
        }
    }
}
