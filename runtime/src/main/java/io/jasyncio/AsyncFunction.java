package io.jasyncio;

/**
 * A function whose result is a coroutine: the asynchronous {@link java.util.function.Function},
 * for code that applies work to each element ({@code mapConcurrently(urls, this::fetch)}).
 *
 * @param <A> the argument
 * @param <R> the coroutine's result
 */
@FunctionalInterface
public interface AsyncFunction<A, R> {
    Coroutine<R> apply(A argument);
}
