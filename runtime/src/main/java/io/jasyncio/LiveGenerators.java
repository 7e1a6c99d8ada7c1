package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.internal.GeneratorFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The async generators that started on a loop, for {@link EventLoop#shutdownAsyncgens()}:
 * asyncio's {@code _asyncgens}. Held weakly, as asyncio holds them, so that a generator nobody
 * references any more is not kept until the loop closes; Java cannot run the finally blocks of
 * an unreachable generator, so such a one is never closed. Only the loop's thread uses it.
 */
final class LiveGenerators {
    private final Set<GeneratorFrame> started = Collections.newSetFromMap(new WeakHashMap<>());

    /** A generator's first step has begun on the loop. */
    void add(GeneratorFrame generator) {
        started.add(generator);
    }

    /**
     * Closes every generator here that has not finished, all at once, each in a task of its
     * own; a close that fails goes to {@code loop}'s exception handler.
     */
    @Async
    Coroutine<Void> closeAll(EventLoop loop) {
        List<GeneratorFrame> closing = new ArrayList<>();
        for (GeneratorFrame generator : started) {
            if (!generator.finished()) {
                closing.add(generator);
            }
        }
        started.clear();
        if (closing.isEmpty()) {
            return result();
        }
        List<Awaitable<Void>> closes = new ArrayList<>();
        for (GeneratorFrame generator : closing) {
            closes.add(generator.aclose());
        }
        List<Object> outcomes = await(Asyncio.gather(true, closes));
        for (int i = 0; i < closing.size(); i++) {
            if (outcomes.get(i) instanceof Throwable failure && !(failure instanceof CancelledError)) {
                loop.callExceptionHandler(ExceptionContext.of("an error occurred during closing of asynchronous"
                        + " generator " + closing.get(i), failure).with("asyncgen", closing.get(i)));
            }
        }
        return result();
    }
}
