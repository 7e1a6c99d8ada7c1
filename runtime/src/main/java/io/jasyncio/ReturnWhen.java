package io.jasyncio;

/**
 * When {@link Asyncio#wait(java.util.Collection, ReturnWhen, double)} returns: asyncio's
 * {@code FIRST_COMPLETED}, {@code FIRST_EXCEPTION} and {@code ALL_COMPLETED}.
 */
public enum ReturnWhen {
    /** As soon as any one future is done (result, exception or cancelled). */
    FIRST_COMPLETED,
    /**
     * As soon as any one future ends with an exception (a cancellation does not count); if none
     * does, when all are done, as {@link #ALL_COMPLETED}.
     */
    FIRST_EXCEPTION,
    /** When every future is done. */
    ALL_COMPLETED
}
