package io.jasyncio;

import io.jasyncio.internal.CoroutineFrame;
import java.util.function.Supplier;

/**
 * A coroutine that, when it first runs, starts an operation (the supplier returns its future)
 * and then returns that future's outcome. Lets the runtime offer asyncio's {@code async def}
 * helpers, which start nothing until awaited, without the bytecode pass.
 */
final class FutureCoroutine<T> extends CoroutineFrame<T> {
    private final String name;
    private Supplier<Future<T>> start;

    FutureCoroutine(String name, Supplier<Future<T>> start) {
        this.name = name;
        this.start = start;
    }

    @Override
    protected Object resume(Object value, Throwable error) throws Throwable {
        if (error != null) {
            throw error;
        }
        if (start != null) {
            Future<T> future = start.get();
            start = null;
            return future;
        }
        return complete(value);
    }

    @Override
    public String toString() {
        return "<coroutine " + name + ">";
    }
}
