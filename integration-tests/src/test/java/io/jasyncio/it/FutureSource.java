package io.jasyncio.it;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.util.function.IntFunction;

/**
 * How the awaited futures of a test complete: already done when awaited, or completed later
 * by a loop callback (so that every await really suspends and resumes through the loop).
 */
enum FutureSource {
    DONE {
        @Override
        IntFunction<Future<Integer>> on(EventLoop loop) {
            return value -> {
                Future<Integer> f = loop.createFuture();
                f.setResult(value);
                return f;
            };
        }
    },
    LATER {
        @Override
        IntFunction<Future<Integer>> on(EventLoop loop) {
            return value -> {
                Future<Integer> f = loop.createFuture();
                loop.callLater(0.001, () -> f.setResult(value));
                return f;
            };
        }
    };

    /** A source of futures that complete with the value asked for. */
    abstract IntFunction<Future<Integer>> on(EventLoop loop);
}
