package io.jasyncio.it.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionContext;
import io.jasyncio.TimerHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * A real-clock loop per test whose exception handler records every context, closed after the
 * test; each run of the loop is bounded in time.
 */
abstract class NetLoopTest {
    /**
     * Seconds a run may take before the loop is stopped, which fails it with "Event loop
     * stopped before Future completed." (JUnit's timeout would interrupt the loop's thread,
     * which makes every poll return at once, without stopping the loop.)
     */
    private static final double RUN_TIMEOUT = 120;

    final EventLoop loop = EventLoop.newEventLoop();
    final List<ExceptionContext> errors = new ArrayList<>();

    NetLoopTest() {
        loop.setExceptionHandler((l, context) -> errors.add(context));
    }

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    <T> T run(Coroutine<T> coro) {
        TimerHandle deadline = loop.callLater(RUN_TIMEOUT, loop::stop);
        try {
            return loop.runUntilComplete(coro);
        } finally {
            deadline.cancel();
        }
    }

    void assertNoErrors() {
        assertEquals(List.of(), errors);
    }
}
