package io.jasyncio;

/**
 * A thread's current {@link Context}. One object per thread, reached through a
 * {@code ThreadLocal}; a running loop keeps its thread's in a field, so that scheduling and
 * running callbacks never look it up. {@code current} is null for an empty context that
 * nothing has set anything in: the common case costs no object.
 */
final class ContextState {
    private static final ThreadLocal<ContextState> STATES = ThreadLocal.withInitial(ContextState::new);

    /** The context code on this thread runs in; null stands for an empty one. */
    Context current;

    private ContextState() {}

    static ContextState ofCurrentThread() {
        return STATES.get();
    }

    /** The context {@code current} stands for, made real (an empty one is created and installed if it was null). */
    Context materialized() {
        Context context = current;
        if (context == null) {
            context = new Context(ContextMap.EMPTY);
            current = context;
        }
        return context;
    }

    /** A copy of the current context to run a callback or task in, or null if it is empty. */
    Context copyOrNull() {
        Context context = current;
        return context == null || context.values().isEmpty() ? null : new Context(context.values());
    }
}
