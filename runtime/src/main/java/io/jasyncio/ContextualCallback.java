package io.jasyncio;

/**
 * A callback that runs in a given {@link Context}: the copy captured when it was scheduled,
 * or the context the caller passed. Only callbacks scheduled while some context variable is set
 * are wrapped; the others run as they are, in the loop's empty context.
 */
final class ContextualCallback implements Runnable {
    private final Context context;
    private final Runnable callback;

    ContextualCallback(Context context, Runnable callback) {
        this.context = context;
        this.callback = callback;
    }

    /** {@code callback} to run in {@code context}, or as it is when there is none. */
    static Runnable wrap(Context context, Runnable callback) {
        return context == null ? callback : new ContextualCallback(context, callback);
    }

    @Override
    public void run() {
        context.runOnLoop(ContextState.ofCurrentThread(), callback);
    }

    @Override
    public String toString() {
        return String.valueOf(callback);
    }
}
