package io.jasyncio;

/**
 * What calling an {@link Async @Async} method returns: the not-yet-started execution of its
 * body.
 *
 * <p>A coroutine is lazy: nothing in it runs until it is awaited, which runs it inline in the
 * awaiting task, or wrapped in a {@link Task} ({@link EventLoop#createTask},
 * {@link Asyncio#createTask}, {@link Asyncio#ensureFuture}), which schedules its first step.
 * It runs at most once: awaiting it or wrapping it a second time is an
 * {@link IllegalStateException}, as reusing a Python coroutine object is.
 *
 * <p>A {@link Future} is a {@code Coroutine} too, so that {@code return someFuture;} ends an
 * {@code @Async} method with the future's outcome; it is not lazy, and a task cannot run it.
 *
 * @param <T> the type of the value it returns
 */
public interface Coroutine<T> extends Awaitable<T> {}
