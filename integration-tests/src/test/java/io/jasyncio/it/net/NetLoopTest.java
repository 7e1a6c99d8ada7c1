package io.jasyncio.it.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * A real-clock loop per test whose exception handler records every context, closed after the
 * test; each test is bounded in time.
 */
@Timeout(120)
abstract class NetLoopTest {
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
        return loop.runUntilComplete(coro);
    }

    void assertNoErrors() {
        assertEquals(List.of(), errors);
    }
}
