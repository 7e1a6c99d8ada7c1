package io.jasyncio.it.helpers;

import static io.jasyncio.Asyncio.shield;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CPython 3.11 test_tasks: test_shield_*. */
class ShieldTest extends HelperLoopTest {

    @Test
    void result() { // test_shield_result
        Future<Integer> inner = loop.createFuture();
        Future<Integer> outer = shield(inner);
        inner.setResult(42);
        assertEquals(42, loop.runUntilComplete(outer));
    }

    @Test
    void exception() { // test_shield_exception
        Future<Integer> inner = loop.createFuture();
        Future<Integer> outer = shield(inner);
        runBriefly();
        IllegalStateException exc = new IllegalStateException("x");
        inner.setException(exc);
        runBriefly();
        assertSame(exc, outer.exception());
    }

    @Test
    void cancellingTheInnerCancelsTheOuter() { // test_shield_cancel_inner
        Future<Integer> inner = loop.createFuture();
        Future<Integer> outer = shield(inner);
        runBriefly();
        inner.cancel();
        runBriefly();
        assertTrue(outer.cancelled());
    }

    @Test
    void cancellingTheOuterLeavesTheInner() { // test_shield_cancel_outer
        Future<Integer> inner = loop.createFuture();
        Future<Integer> outer = shield(inner);
        runBriefly();
        outer.cancel();
        runBriefly();
        assertTrue(outer.cancelled());
        assertFalse(inner.cancelled());
        inner.setResult(1);
        runBriefly();
        assertEquals(1, inner.result());
    }

    @Test
    void aDoneFutureIsReturnedAsItIs() { // test_shield_shortcut
        Future<Integer> fut = loop.createFuture();
        fut.setResult(42);
        assertSame(fut, shield(fut));
    }

    @Test
    void cancellingTheAwaitingTaskLetsTheShieldedTaskFinish() { // test_shield_effect
        Task<Integer> inner = loop.createTask(co.valueAfter(1.0, 7));
        Task<Integer> outer = loop.createTask(co.awaitShielded(inner));
        loop.callLater(0.5, outer::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
        assertFalse(inner.done());
        assertEquals(7, loop.runUntilComplete(inner));
        assertEquals(List.of("outer cancelled at 0.5", "value 7 at 1.0"), log);
    }

    @Test
    void aCoroutineIsRunAsATask() { // test_shield_coroutine
        Task<Integer> outer = loop.createTask(co.awaitShielded(co.valueAfter(1.0, 7)));
        loop.callLater(0.5, outer::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
        loop.runUntilComplete(co.valueAfter(1.0, 0));
        assertTrue(log.contains("value 7 at 1.0"), log.toString());
    }
}
