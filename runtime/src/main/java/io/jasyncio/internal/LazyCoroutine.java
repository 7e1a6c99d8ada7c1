package io.jasyncio.internal;

import io.jasyncio.Awaitable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A coroutine that, when it first runs, starts an operation (the supplier returns its future,
 * or a coroutine frame to run inline), awaits it, and returns its outcome, optionally mapped.
 * Lets the runtime offer asyncio's {@code async def} helpers, which start nothing until
 * awaited, without the bytecode pass (the runtime itself is compiled without it). Used by
 * {@code io.jasyncio} and {@code io.jasyncio.net}.
 *
 * <pre>{@code
 * Coroutine<Connection> openConnection(String host, int port) {
 *     // nothing happens until awaited; then connect, and wrap the endpoint
 *     return LazyCoroutine.of("openConnection()", () -> connect(host, port), Connection::of);
 * }
 * }</pre>
 */
public final class LazyCoroutine<T> extends CoroutineFrame<T> {
    private final String name;
    private Supplier<? extends Awaitable<?>> start;
    private final Function<Object, ?> then;

    private LazyCoroutine(String name, Supplier<? extends Awaitable<?>> start, Function<Object, ?> then) {
        this.name = name;
        this.start = start;
        this.then = then;
    }

    /** A coroutine that starts {@code start}'s operation when first run and returns its outcome. */
    public static <T> LazyCoroutine<T> of(String name, Supplier<? extends Awaitable<T>> start) {
        return new LazyCoroutine<>(name, start, null);
    }

    /** Like {@link #of(String, Supplier)}, returning {@code then} applied to the outcome. */
    @SuppressWarnings("unchecked")
    public static <S, T> LazyCoroutine<T> of(
            String name, Supplier<? extends Awaitable<S>> start, Function<? super S, ? extends T> then) {
        return new LazyCoroutine<>(name, start, (Function<Object, ?>) then);
    }

    @Override
    protected Object resume(Object value, Throwable error) throws Throwable {
        if (error != null) {
            throw error;
        }
        if (start != null) {
            Awaitable<?> operation = start.get();
            start = null;
            return operation;
        }
        return complete(then == null ? value : then.apply(value));
    }

    @Override
    public String toString() {
        return "<coroutine " + name + ">";
    }
}
