package io.jasyncio.internal;

/**
 * Writes the awaits an exception crosses into its own stack trace, so that a failure deep in a
 * chain of coroutines prints every coroutine that was waiting for it, as a synchronous call
 * chain would.
 *
 * <p>An {@code @Async} method's frame is not on the Java stack while the coroutine it awaits
 * runs (the driver, {@link CoroutineFrame#run}, keeps the stack flat), so the exception's own
 * trace ends at the innermost coroutine and continues with the loop's machinery. Each time the
 * exception is delivered to an awaiting frame, that frame's {@link CoroutineFrame#location()}
 * (the user's class, method, file and the line of the await) is inserted after the elements
 * recorded before it and ahead of the machinery: innermost coroutine first, outermost last.
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

    private AsyncStackTrace() {}

    /**
     * Records that {@code error} is being delivered at {@code frame}'s current await (or, before
     * the frame started, at its first line). Frames without a location (the runtime's
     * hand-written ones) add nothing.
     */
    static void crossing(Throwable error, CoroutineFrame<?> frame) {
        StackTraceElement await = frame.location();
        if (await == null) {
            return;
        }
        StackTraceElement[] trace = error.getStackTrace();
        int length = trace.length;
        if (length == 0 || length >= MAX_ELEMENTS) {
            return;
        }
        int at = insertionPoint(trace);
        StackTraceElement[] grown = new StackTraceElement[length + 1];
        System.arraycopy(trace, 0, grown, 0, at);
        grown[at] = await;
        System.arraycopy(trace, at, grown, at + 1, length - at);
        error.setStackTrace(grown);
    }

    /**
     * Where the next awaiting frame goes: before the driver's first element and the generated
     * {@code resume} that called the failing body from it, so the user's frames stay together;
     * at the end when the exception was not thrown inside a coroutine (a callback failed a
     * future, say).
     */
    private static int insertionPoint(StackTraceElement[] trace) {
        for (int i = 0; i < trace.length; i++) {
            if (trace[i].getClassName().equals(DRIVER)) {
                int at = i;
                while (at > 0 && isGeneratedResume(trace[at - 1])) {
                    at--;
                }
                return at;
            }
        }
        return trace.length;
    }

    /** The {@code resume} of a frame class written by the bytecode pass ({@code Host$$method$N}). */
    private static boolean isGeneratedResume(StackTraceElement element) {
        return element.getMethodName().equals("resume") && element.getClassName().contains("$$");
    }
}
