package io.jasyncio.it.timeouts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.EventLoop;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import io.jasyncio.it.VirtualLoopTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.timeout's rules (CPython's test_timeouts, where they apply), on virtual time. */
class TimeoutTest extends VirtualLoopTest {
    private final List<String> log = new ArrayList<>();
    private final Deadlines deadlines = new Deadlines(log);

    @Test
    void anExpiredDeadlineCancelsTheWorkAndATimeoutErrorLeavesTheBlock() {
        assertEquals("timed out", loop.runUntilComplete(deadlines.sleepWithin(1, 10)));
        assertEquals(1.0, loop.time());
        assertEquals(List.of("inside saw TimeoutError", "inside finally", "cause CancelledError"), log);
    }

    @Test
    void workThatFinishesInTimeIsUntouched() {
        assertEquals("finished", loop.runUntilComplete(deadlines.sleepWithin(10, 1)));
        assertEquals(List.of("inside finally", "expired=false"), log);
        assertEquals(1.0, loop.time());
    }

    @Test
    void timeoutsNestAndEachConvertsOnlyItsOwnExpiry() {
        assertEquals("inner timed out;outer done", loop.runUntilComplete(deadlines.nested(10, 1, 2)));
        assertEquals(3.0, loop.time());
        EventLoop second = EventLoop.newVirtualTimeLoop();
        try {
            assertEquals("inner done;outer timed out", second.runUntilComplete(deadlines.nested(3, 5, 2)));
            assertEquals(3.0, second.time());
        } finally {
            second.close();
        }
    }

    @Test
    void twoNestedBlocksWithTheSameDeadlineLetATimeoutErrorOut() {
        assertEquals("outer timed out", loop.runUntilComplete(deadlines.sameDeadline(1, 2)));
        assertEquals(1.0, loop.time());
    }

    @Test
    void rescheduleMovesTheDeadline() {
        assertEquals(3.0, loop.runUntilComplete(deadlines.rescheduled(1, 2, 10)));
    }

    @Test
    void anOutsideCancelStaysACancelledError() {
        Task<String> task = loop.createTask(deadlines.sleepWithin(10, 20));
        loop.callLater(1, () -> task.cancel("from outside"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertFalse(e instanceof TimeoutError, e.toString());
        assertEquals("from outside", e.getMessage());
        assertTrue(task.cancelled());
        assertEquals(List.of("inside saw CancelledError", "inside finally"), log);
    }

    @Test
    void anOutsideCancelAtTheSameTimeAsTheDeadlineWins() {
        Task<String> task = loop.createTask(deadlines.sleepWithin(1, 20));
        loop.callAt(1, () -> task.cancel("simultaneous"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertFalse(e instanceof TimeoutError, e.toString());
        assertTrue(task.cancelled());
    }

    @Test
    void swallowingTheCancellationInsideRaisesNothingAndTakesTheRequestBack() {
        assertEquals("cancelling=0", loop.runUntilComplete(deadlines.swallowing(1, 10)));
        assertEquals(List.of("swallowed", "expired=true"), log);
    }

    @Test
    void aTaskEndingWithATimeoutErrorHasFailedNotBeenCancelled() {
        Task<String> task = loop.createTask(deadlines.unhandled(1));
        TimeoutError e = assertThrows(TimeoutError.class, () -> loop.runUntilComplete(task));
        assertFalse(task.cancelled());
        assertSame(e, task.exception());
    }

    @Test
    void aTimeoutNeedsATask() {
        List<Throwable> errors = new ArrayList<>();
        loop.callSoon(() -> {
            try {
                Asyncio.timeout(1);
            } catch (IllegalStateException e) {
                errors.add(e);
            }
        });
        loop.stop();
        loop.runForever();
        assertEquals("Timeout should be used inside a task", errors.get(0).getMessage());
    }
}
