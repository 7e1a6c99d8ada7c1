package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh virtual-time loop per test whose exception handler records every context, and which
 * is closed after the test. Tests that expect no errors call {@link #assertNoErrors()}.
 */
abstract class LoopTestBase {
    EventLoop loop;
    final List<ExceptionContext> errors = new ArrayList<>();

    @BeforeEach
    void createLoop() {
        loop = newLoop();
        loop.setExceptionHandler((l, context) -> errors.add(context));
    }

    /** The loop each test gets; virtual time unless a test class needs the real clock. */
    EventLoop newLoop() {
        return EventLoop.newVirtualTimeLoop();
    }

    @AfterEach
    void closeLoop() {
        if (!loop.isRunning()) {
            loop.close();
        }
    }

    void assertNoErrors() {
        assertEquals(List.of(), errors);
    }

    /**
     * Runs the virtual-time loop until everything scheduled so far, and everything that
     * schedules, has run: the clock only reaches the far-off stop once nothing else is left.
     */
    void runUntilIdle() {
        loop.callAt(1e15, loop::stop);
        loop.runForever();
    }
}
