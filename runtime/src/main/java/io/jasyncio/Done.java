package io.jasyncio;

import java.util.Collections;
import java.util.Set;

/**
 * What {@link Asyncio#wait(java.util.Collection, ReturnWhen, double)} gives: asyncio's
 * {@code (done, pending)} pair. Both sets iterate in the order the futures were first given,
 * and are computed when the waiting task resumes, so a future that finished in the meantime is
 * in {@code done}.
 *
 * @param done the futures that were done when the wait returned
 * @param pending the futures that were not
 * @param <T> the futures' result type
 */
public record Done<T>(Set<Future<T>> done, Set<Future<T>> pending) {
    public Done {
        done = Collections.unmodifiableSet(done);
        pending = Collections.unmodifiableSet(pending);
    }
}
