package io.jasyncio;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;

/**
 * The loop's Flight Recorder events, behind two guards: the {@code jdk.jfr} module may be
 * absent from a trimmed runtime image, and until the JVM has started Flight Recorder nothing
 * of it is touched (no event class is loaded, so a program that never records pays no start-up
 * for it). Asking whether the rare events are wanted costs a static read per loop iteration.
 *
 * <p>The task events are the high-volume ones: one per task created, suspended and done. They
 * are off unless a recording enables them, and while none does, the task's code that would emit
 * them is compiled out: it asks a call site whose target is a constant {@code false}. Each loop
 * iteration compares the recordings' wish with that constant and retargets the site when it
 * changed, which deoptimizes the code that folded it; so a recording that turns them on sees
 * them at once: once Flight Recorder has started, the first loop to see it listens to every
 * recording's start and stop, and each loop iteration checks again in case a listener was
 * late.
 */
final class Jfr {
    private static final boolean PRESENT = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private static final MethodHandle NO = MethodHandles.constant(boolean.class, false);
    private static final MethodHandle YES = MethodHandles.constant(boolean.class, true);
    private static final MutableCallSite TASK_EVENTS = new MutableCallSite(NO);
    private static final MethodHandle TASK_EVENTS_WANTED = TASK_EVENTS.dynamicInvoker();

    private Jfr() {}

    /** Whether a recording wants {@code jasyncio.SlowCallback} now. */
    static boolean slowCallbackEnabled() {
        return PRESENT && Recorder.started() && SlowCallbackEvent.TYPE.isEnabled();
    }

    /** At each loop's creation and once per iteration: follows the recordings' wish for the task events. */
    static void followRecordings() {
        if (PRESENT && Recorder.started()) {
            Recorder.listen();
            retarget(TaskEvents.anyEnabled());
        }
    }

    private static void retarget(boolean wanted) {
        if (wanted != taskEventsWanted()) {
            synchronized (TASK_EVENTS) {
                TASK_EVENTS.setTarget(wanted ? YES : NO);
                MutableCallSite.syncAll(new MutableCallSite[] {TASK_EVENTS});
            }
        }
    }

    /** Whether tasks emit their lifecycle events; a constant to the JIT while it stays unchanged. */
    static boolean taskEventsWanted() {
        try {
            return (boolean) TASK_EVENTS_WANTED.invokeExact();
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }

    static void taskCreated(Task<?> task) {
        TaskEvents.created(task);
    }

    static void taskSuspended(Task<?> task, Object awaited) {
        TaskEvents.suspended(task, awaited);
    }

    static void taskDone(Task<?> task) {
        TaskEvents.done(task);
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

    /** Holds the only references to {@code FlightRecorder}, loaded once {@link #PRESENT} says it can be. */
    private static final class Recorder implements jdk.jfr.FlightRecorderListener {
        private static volatile boolean listening;

        static boolean started() {
            return jdk.jfr.FlightRecorder.isInitialized();
        }

        static void listen() {
            if (!listening) {
                synchronized (Recorder.class) {
                    if (!listening) {
                        jdk.jfr.FlightRecorder.addListener(new Recorder());
                        listening = true;
                    }
                }
            }
        }

        @Override
        public void recordingStateChanged(jdk.jfr.Recording recording) {
            retarget(TaskEvents.anyEnabled());
        }
    }
}
