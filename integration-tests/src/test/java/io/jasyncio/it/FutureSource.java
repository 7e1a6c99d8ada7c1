package io.jasyncio.it;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * How the awaited futures of a test complete: already done when awaited, or completed later
 * by a loop callback (so that every await really suspends and resumes through the loop).
 */
enum FutureSource {
    DONE {
        @Override
        <T> Future<T> complete(EventLoop loop, Consumer<Future<T>> completion) {
            Future<T> f = loop.createFuture();
            completion.accept(f);
            return f;
        }
    },
    LATER {
        @Override
        <T> Future<T> complete(EventLoop loop, Consumer<Future<T>> completion) {
            Future<T> f = loop.createFuture();
            loop.callLater(0.001, () -> completion.accept(f));
            return f;
        }
    };

    /** A new future of {@code loop}, completed by {@code completion} now or from a timer. */
    abstract <T> Future<T> complete(EventLoop loop, Consumer<Future<T>> completion);

    /** A source of futures that complete with the value asked for. */
    IntFunction<Future<Integer>> on(EventLoop loop) {
        Futures futures = futures(loop);
        return futures::of;
    }

    /** The same, for the classes that also await other types and failures. */
    Futures futures(EventLoop loop) {
        return new Futures() {
            @Override
            public <T> Future<T> of(T value) {
                return complete(loop, f -> f.setResult(value));
            }

            @Override
            public <T> Future<T> failing(Throwable error) {
                return complete(loop, f -> f.setException(error));
            }
        };
    }
}
