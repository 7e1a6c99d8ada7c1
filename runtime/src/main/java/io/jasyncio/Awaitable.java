package io.jasyncio;

/**
 * Something an {@code @Async} method can {@link Asyncio#await(Awaitable) await}: a
 * {@link Coroutine} (run inline in the awaiting task) or a {@link Future} (and so a
 * {@link Task}: the awaiting task suspends until it is done).
 *
 * <p>Only jasyncio's own types implement this interface; a foreign implementation is rejected
 * where it is awaited.
 *
 * @param <T> the type of the value awaiting it gives
 */
public interface Awaitable<T> {}
