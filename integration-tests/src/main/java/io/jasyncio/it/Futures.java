package io.jasyncio.it;

import io.jasyncio.Future;

/**
 * Where the user-shaped classes get the futures they await. The tests decide how those
 * complete (see the test-side {@code FutureSource}), so the same {@code @Async} code runs once
 * with every await taking the no-suspension fast path and once with every await suspending.
 */
public interface Futures {
    /** A future that gives {@code value}. */
    <T> Future<T> of(T value);

    /** A future that fails with {@code error}, as it is (a checked exception too). */
    <T> Future<T> failing(Throwable error);
}
