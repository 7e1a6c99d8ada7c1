package io.jasyncio;

import java.util.List;

/**
 * Timing a callback or task step, in debug mode or while Flight Recorder wants
 * {@code jasyncio.SlowCallback}: one longer than the loop's slow-callback duration is logged
 * (debug mode) and recorded (Flight Recorder), for a task step with the lines its innermost
 * coroutine resumed and stopped at, the stretch of code that ran. Untimed callbacks never come
 * here.
 */
final class SlowCallbacks {
    private SlowCallbacks() {}

    static void runTimed(EventLoop loop, Handle handle) {
        if (handle.cancelled()) {
            return;
        }
        StackTraceElement resumedAt = innermostLine(handle);
        long start = System.nanoTime();
        loop.runHandle(handle);
        long tookNanos = System.nanoTime() - start;
        double took = tookNanos * 1e-9;
        if (took >= loop.getSlowCallbackDuration()) {
            StackTraceElement stoppedAt = innermostLine(handle);
            if (loop.getDebug()) {
                List<StackTraceElement> createdAt =
                        CreationSites.of(handle instanceof TaskStep step ? step.task() : handle);
                EventLoop.LOG.log(System.Logger.Level.WARNING, String.format("Executing %s took %.3f seconds%s%s%s",
                        handle, took, resumedAt == null ? "" : " (resumed at " + resumedAt + ")",
                        stoppedAt == null ? "" : " (stopped at " + stoppedAt + ")",
                        createdAt.isEmpty() ? "" : " (created at " + createdAt.get(0) + ")"));
            }
            if (Jfr.slowCallbackEnabled()) {
                Jfr.slowCallback(tookNanos, handle, resumedAt, stoppedAt);
            }
        }
    }

    /** For a task step, where the task's innermost coroutine is: the await it waits at, or its first line. */
    private static StackTraceElement innermostLine(Handle handle) {
        return handle instanceof TaskStep step ? step.task().innermostLocation() : null;
    }
}
