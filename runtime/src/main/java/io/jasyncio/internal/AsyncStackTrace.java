package io.jasyncio.internal;

import java.lang.ref.WeakReference;

/**
 * Writes the awaits an exception crosses into its own stack trace, so that a failure deep in a
 * chain of coroutines prints every coroutine that was waiting for it, as a synchronous call
 * chain would.
 *
 * <p>A coroutine awaited inline runs on the Java stack under the methods awaiting it, so an
 * exception created there names them in its own trace, at no extra cost. Two kinds of
 * exceptions need help: one that reaches a coroutine from elsewhere (a failed future, another
 * task, a timeout), and one that passes through frames the driver resumed after a suspension,
 * which are no longer on the Java stack. Each time such an exception is delivered to an
 * awaiting frame, that frame's {@link CoroutineFrame#location()} (the user's class, method,
 * file and the line of the await) is inserted after the elements recorded before it and ahead
 * of the driver's machinery: innermost coroutine first, outermost last.
 *
 * <p>Invariants:
 * <ul>
 *   <li>The exception stays the same object: only its stack trace array is replaced.</li>
 *   <li>Nothing runs unless an exception is delivered: the driver calls this only with a
 *       non-null error, so the await paths that do not fail pay nothing.</li>
 *   <li>An exception without a stack trace (JVM-preallocated, or one whose class turned
 *       stack traces off) is left alone; so is one whose trace has reached
 *       {@link #MAX_ELEMENTS}, which bounds what a cached exception thrown again and again, or
 *       a chain of a hundred thousand awaits, can add.</li>
 * </ul>
 * {@code -Djasyncio.asyncStackTraces=false} turns the whole mechanism off.
 */
public final class AsyncStackTrace {
    /** False when {@code -Djasyncio.asyncStackTraces=false}: exceptions are left as thrown. */
    public static final boolean ENABLED =
            !"false".equalsIgnoreCase(System.getProperty("jasyncio.asyncStackTraces"));

    /** Past this many elements a trace gains no more: the JVM's own default depth limit. */
    static final int MAX_ELEMENTS = 1024;

    private static final String DRIVER = CoroutineFrame.class.getName();

    /**
     * The error this thread last delivered out of a future, to tell it from one created on the
     * Java stack; weakly, so that it never keeps a failure's objects alive.
     */
    private static final ThreadLocal<WeakReference<Throwable>> FROM_FUTURE = new ThreadLocal<>();

    private AsyncStackTrace() {}

    /**
     * Records that {@code error} is being delivered at {@code frame}'s current await (or, before
     * the frame started, at its first line): {@code fromFuture} when it comes out of a future
     * (created elsewhere, so no method on this Java stack is in its own trace), otherwise from
     * the frame that {@code frame} awaited; {@code loop} is how many driver loops are below the
     * one delivering it. Frames without a location (the runtime's hand-written ones, kept for speed) add nothing.
     */
    static void crossing(Throwable error, CoroutineFrame<?> frame, boolean fromFuture, int loop) {
        if (fromFuture) {
            FROM_FUTURE.set(new WeakReference<>(error));
        }
        StackTraceElement await = frame.location();
        if (await == null) {
            return;
        }
        StackTraceElement[] trace = error.getStackTrace();
        int length = trace.length;
        if (length == 0 || length >= MAX_ELEMENTS) {
            return;
        }
        int at = insertionPoint(trace, loop);
        StackTraceElement[] grown = new StackTraceElement[length + 1];
        System.arraycopy(trace, 0, grown, 0, at);
        grown[at] = await;
        System.arraycopy(trace, at, grown, at + 1, length - at);
        error.setStackTrace(grown);
    }

    /**
     * Records that {@code error} leaves a coroutine awaited inline into {@code frame}, the one
     * awaiting it, if it came out of a future on this thread: then no method on the Java stack
     * is in its own trace. An error created in the nested coroutines needs nothing: every
     * method awaiting inline was on the Java stack when it was created, so its own trace
     * already names them.
     */
    static void leavingInline(Throwable error, CoroutineFrame<?> frame) {
        WeakReference<Throwable> fromFuture = FROM_FUTURE.get();
        if (fromFuture != null && fromFuture.get() == error) {
            crossing(error, frame, false, frame.loop());
        }
    }

    /**
     * Where the next awaiting frame goes: before the driver loop that is delivering the error
     * (with {@code loop} loops below it on the Java stack, so the one {@code loop} loops in from
     * the outermost in a trace made on this stack), and before the generated {@code resume} that called the
     * failing body from it. So each frame resumed off the Java stack lands after the methods
     * above it that were still on the stack, and after the frames recorded before it:
     * innermost first. A trace with fewer loops (made on another task's stack) takes its
     * innermost loop; one with none (a callback failed a future, say) takes the end.
     */
    private static int insertionPoint(StackTraceElement[] trace, int loop) {
        int loops = 0;
        int innermostLoop = -1;
        for (int i = trace.length - 1; i >= 0; i--) {
            if (isDriverLoop(trace[i]) && (i == 0 || !isDriverLoop(trace[i - 1]))) {
                if (loops++ == loop) {
                    return beforeResume(trace, i);
                }
                innermostLoop = i;
            }
        }
        return innermostLoop < 0 ? trace.length : beforeResume(trace, innermostLoop);
    }

    private static int beforeResume(StackTraceElement[] trace, int loop) {
        int at = loop;
        while (at > 0 && isGeneratedResume(trace[at - 1])) {
            at--;
        }
        return at;
    }

    private static boolean isDriverLoop(StackTraceElement element) {
        return element.getClassName().equals(DRIVER)
                && (element.getMethodName().equals("drive") || element.getMethodName().equals("run"));
    }

    /** The {@code resume} of a frame class written by the bytecode pass ({@code Host$$method$N}). */
    private static boolean isGeneratedResume(StackTraceElement element) {
        return element.getMethodName().equals("resume") && element.getClassName().contains("$$");
    }
}
