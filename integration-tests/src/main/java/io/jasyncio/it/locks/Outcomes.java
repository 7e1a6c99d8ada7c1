package io.jasyncio.it.locks;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Awaitable;
import io.jasyncio.Coroutine;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers of the lock scenarios: await things and describe how they ended. */
public final class Outcomes {
    private Outcomes() {}

    /** Awaits {@code awaitable}: "value" for a result, the exception's simple class name otherwise. */
    @Async
    public static Coroutine<String> outcome(Awaitable<?> awaitable) {
        try {
            Object value = await(awaitable);
            return result(String.valueOf(value));
        } catch (RuntimeException e) {
            return result(e.getClass().getSimpleName());
        }
    }

    /** {@link #outcome} of each, in order (asyncio's {@code gather(..., return_exceptions=True)}). */
    @Async
    public static Coroutine<List<String>> outcomes(List<? extends Awaitable<?>> awaitables) {
        List<String> all = new ArrayList<>();
        for (Awaitable<?> awaitable : awaitables) {
            all.add(await(outcome(awaitable)));
        }
        return result(all);
    }

    /** {@code n} times {@code await sleep(0)}: gives the other tasks n loop iterations. */
    @Async
    public static Coroutine<Void> yieldTimes(int n) {
        for (int i = 0; i < n; i++) {
            await(io.jasyncio.Asyncio.sleep(0));
        }
        return result();
    }
}
