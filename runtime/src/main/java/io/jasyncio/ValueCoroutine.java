package io.jasyncio;

import io.jasyncio.internal.CoroutineFrame;

/** The coroutine {@link Asyncio#result(Object)} returns: it completes at once with a value. */
final class ValueCoroutine<T> extends CoroutineFrame<T> {
    private final T value;

    ValueCoroutine(T value) {
        this.value = value;
    }

    @Override
    protected Object resume(Object ignored, Throwable error) throws Throwable {
        if (error != null) {
            throw error;
        }
        return complete(value);
    }

    @Override
    public String toString() {
        return "<coroutine result(" + value + ")>";
    }
}
