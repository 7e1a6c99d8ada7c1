package io.jasyncio;

/**
 * A supplier of a coroutine: the asynchronous {@link java.util.function.Supplier}, for code
 * that takes work to run later, or again ({@code retry(() -> fetch(url))}).
 *
 * @param <T> the coroutine's result
 */
@FunctionalInterface
public interface AsyncSupplier<T> {
    Coroutine<T> get();
}
