package io.jasyncio.internal;

/**
 * An async iterator that can often answer {@code hasNext} at once: rewritten code calls
 * {@link #hasNextNow} where a method awaits {@code it.hasNext()} directly, the loop condition of
 * {@code while (await(it.hasNext()))}, and skips the await when the answer is
 * {@link Boolean#TRUE}. <strong>Not for users.</strong>
 */
public interface EagerIterator {
    /**
     * What {@code hasNext()} does, but when an element is ready at once for {@code next()}, it
     * gives {@link Boolean#TRUE} itself instead of a done future holding it; otherwise it gives
     * the awaitable that {@code hasNext()} gives.
     */
    Object hasNextNow();
}
