package io.jasyncio.it.helpers;

import static io.jasyncio.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CPython 3.11 test_waitfor (and test_tasks' wait_for cases). */
class WaitForTest extends HelperLoopTest {

    @Test
    void valueInTime() { // test_wait_for_blocking-like: finishes before the timeout
        assertEquals(1, loop.runUntilComplete(co.withTimeout(co.valueAfter(0.1, 1), 1.0)));
        assertTrue(log.contains("waitFor gave 1 at 0.1"), log.toString());
    }

    @Test
    void doneFutureGivesItsResult() { // test_wait_for_blocking
        Future<Integer> f = loop.createFuture();
        f.setResult(7);
        assertEquals(7, loop.runUntilComplete(co.withTimeout(f, 1.0)));
    }

    @Test
    void timeoutCancelsTheInnerTaskAndThrowsTimeoutErrorCausedByTheCancel() { // test_wait_for
        Task<Integer> inner = loop.createTask(co.valueAfter(10.0, 1));
        assertEquals("timed out", loop.runUntilComplete(co.catchTimeout(inner, 0.1)));
        assertEquals(List.of("timeout at 0.1, cause CancelledError"), log);
        assertTrue(inner.cancelled());
    }

    @Test
    void timeoutErrorEscapesToTheTask() {
        Task<Integer> t = loop.createTask(co.withTimeout(co.valueAfter(10.0, 1), 0.5));
        TimeoutError e = assertThrows(TimeoutError.class, () -> loop.runUntilComplete(t));
        assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals(0.5, loop.time());
    }

    @Test
    void waitsForTheInnerCleanupBeforeThrowing() { // test_wait_for_waits_for_task_cancellation
        assertEquals("timed out", loop.runUntilComplete(co.catchTimeout(co.slowCleanup(10.0), 0.1)));
        assertEquals(List.of("cleaned up at 1.1", "timeout at 1.1, cause CancelledError"), log);
    }

    @Test
    void innerThatRefusesTheCancelGivesItsValue() { // test_wait_for_cancellation_race_condition
        assertEquals(42, loop.runUntilComplete(co.withTimeout(co.refuseCancel(10.0), 0.1)));
        assertEquals(List.of("refused at 0.1", "waitFor gave 42 at 0.1"), log);
    }

    @Test
    void innerFailingDuringTheCancelRethrowsThatError() { // test_wait_for_reraises_exception_during_cancellation
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(co.withTimeout(co.failOnCancel(10.0), 0.1)));
        assertEquals("failed while cancelled", e.getMessage());
    }

    @Test
    void zeroTimeoutOnADoneFutureGivesItsResult() { // test_wait_for_timeout_less_then_0_or_0_future_done
        Future<Integer> f = loop.createFuture();
        f.setResult(3);
        assertEquals(3, loop.runUntilComplete(co.withTimeout(f, 0)));
        Future<Integer> g = loop.createFuture();
        g.setResult(4);
        assertEquals(4, loop.runUntilComplete(co.withTimeout(g, -1)));
    }

    @Test
    void zeroTimeoutNeverStartsACoroutine() { // test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started
        for (double timeout : new double[] {0, -1}) {
            log.clear();
            assertEquals("timed out", loop.runUntilComplete(co.catchTimeout(co.started("inner", 1.0, 1), timeout)));
            assertFalse(log.contains("inner started"), log.toString());
            assertEquals("timeout at " + loop.time() + ", cause CancelledError", log.get(0));
        }
    }

    @Test
    void zeroTimeoutCancelsAPendingFuture() { // test_wait_for_timeout_less_then_0_or_0
        Future<Integer> f = loop.createFuture();
        assertThrows(TimeoutError.class, () -> loop.runUntilComplete(co.withTimeout(f, 0)));
        assertTrue(f.cancelled());
    }

    @Test
    void zeroTimeoutWaitsForTheCleanup() { // test_wait_for_waits_for_task_cancellation_w_timeout_0
        Task<Integer> inner = loop.createTask(co.slowCleanup(10.0));
        runBriefly(); // started, so its finally block runs on cancel
        assertEquals("timed out", loop.runUntilComplete(co.catchTimeout(inner, 0)));
        assertEquals(List.of("cleaned up at 1.0", "timeout at 1.0, cause CancelledError"), log);
    }

    @Test
    void cancellingTheCallerCancelsTheInnerAndWaitsForIt() { // test_cancel_wait_for / test_cancel_blocking_wait_for
        Task<Integer> inner = loop.createTask(co.slowCleanup(10.0));
        Task<Integer> caller = loop.createTask(co.withTimeout(inner, 5.0));
        loop.callLater(0.5, () -> caller.cancel("stop"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(caller));
        assertFalse(e instanceof TimeoutError);
        assertEquals("stop", e.getMessage());
        assertTrue(inner.cancelled());
        assertEquals(List.of("cleaned up at 1.5"), log);
        assertEquals(1.5, loop.time());
    }

    @Test
    void callerCancelledAfterTheInnerFinishedGetsTheResult() { // "If the inner had already finished"
        Future<Integer> inner = loop.createFuture();
        Task<Integer> caller = loop.createTask(co.withTimeout(inner, 5.0));
        runBriefly();
        inner.setResult(9);      // schedules the release of the waiter...
        caller.cancel();         // ...but the cancel comes first
        assertEquals(9, loop.runUntilComplete(caller));
    }

    @Test
    void innerFailureIsRethrownAsIs() {
        IllegalStateException error = new IllegalStateException("inner");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(co.withTimeout(co.failAfter(0.1, error), 1.0)));
        assertEquals(error, e);
    }

    @Test
    void nestedWaitForTimesOutAtTheInnermostDeadline() { // test_wait_for_self_cancellation-like
        assertEquals("timeout at 1.0", loop.runUntilComplete(co.nestedWaitFor()));
    }

    @Test
    void infiniteTimeoutIsAPlainAwait() { // timeout=None
        assertEquals(5, loop.runUntilComplete(co.withTimeout(co.valueAfter(100.0, 5), Double.POSITIVE_INFINITY)));
        assertEquals(5, loop.runUntilComplete(waitFor(co.valueAfter(1.0, 5), Duration.ofSeconds(2))));
        assertThrows(IllegalArgumentException.class, () -> waitFor(loop.createFuture(), Double.NaN));
    }
}
