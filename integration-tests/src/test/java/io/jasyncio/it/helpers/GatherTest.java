package io.jasyncio.it.helpers;

import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.shield;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CPython 3.11 test_tasks: FutureGatherTests, CoroutineGatherTests, test_cancel_gather_*. */
class GatherTest extends HelperLoopTest {

    private Future<Integer> fut() {
        return loop.createFuture();
    }

    @Test
    void noArgumentsGivesADoneFutureWithAnEmptyList() { // test_constructor_empty_sequence
        Future<List<Object>> outer = inLoop(() -> gather());
        assertTrue(outer.done());
        assertEquals(List.of(), outer.result());
        Future<List<Object>> outer2 = inLoop(() -> gather(true));
        assertEquals(List.of(), outer2.result());
    }

    @Test
    void childrenOnDifferentLoopsAreRejected() { // test_constructor_heterogenous_futures
        try (EventLoop other = EventLoop.newVirtualTimeLoop()) {
            Future<Integer> a = fut();
            Future<Integer> b = other.createFuture();
            assertThrows(IllegalArgumentException.class, () -> gather(a, b));
            assertThrows(IllegalArgumentException.class, () -> gather(true, a, b));
        }
    }

    @Test
    void resultsComeInArgumentOrderNotCompletionOrder() { // test_result_exception_success / homogenous
        Future<Integer> a = fut();
        Future<Integer> b = fut();
        Future<Integer> c = fut();
        Future<List<Integer>> outer = gather(a, b, c);
        assertSame(loop, outer.getLoop());
        c.setResult(3);
        runBriefly();
        a.setResult(1);
        runBriefly();
        assertFalse(outer.done());
        b.setResult(2);
        runBriefly();
        assertEquals(List.of(1, 2, 3), outer.result());
    }

    @Test
    void coroutinesAreWrappedInTasksOnTheRunningLoop() {
        List<Integer> values = loop.runUntilComplete(co.gatherCoroutines(0.3, 0.1, 0.2));
        assertEquals(List.of(1, 2, 3), values);
        assertEquals(List.of("value 2 at 0.1", "value 3 at 0.2", "value 1 at 0.3"), log);
    }

    @Test
    void typedListOverload() {
        Task<Integer> t1 = loop.createTask(co.valueAfter(0.2, 20));
        Task<Integer> t2 = loop.createTask(co.valueAfter(0.1, 1));
        int sum = loop.runUntilComplete(co.sumOfGather(List.of(t1, t2)));
        assertEquals(21, sum);
        assertTrue(log.contains("gathered [20, 1]"));
    }

    @Test
    void theSameAwaitableTwiceIsOneChildWithItsResultRepeated() { // test_duplicate_coroutines
        Coroutine<Integer> c = co.valueAfter(0.1, 7);
        Coroutine<Integer> d = co.valueAfter(0.1, 8);
        Future<List<Integer>> outer = inLoop(() -> gather(c, c, d, c));
        assertEquals(List.of(7, 7, 8, 7), loop.runUntilComplete(outer));
        assertEquals(2, log.size(), "each coroutine ran once: " + log);
        Future<Integer> f = fut();
        Future<List<Integer>> outer2 = gather(f, f);
        f.setResult(5);
        assertEquals(List.of(5, 5), loop.runUntilComplete(outer2));
    }

    @Test
    void firstExceptionIsSetAtOnceAndTheOtherChildrenGoOn() { // test_one_exception
        Future<Integer> a = fut();
        Future<Integer> b = fut();
        Future<Integer> c = fut();
        Future<Integer> d = fut();
        Future<List<Integer>> outer = gather(a, b, c, d);
        a.setResult(1);
        RuntimeException exc = new RuntimeException("b failed");
        b.setException(exc);
        runBriefly();
        assertTrue(outer.done());
        assertSame(exc, outer.exception());
        assertFalse(c.done());
        assertFalse(d.done());
        c.setException(new RuntimeException("later, ignored"));
        d.setResult(4);
        runBriefly();
        assertSame(exc, outer.exception());
        assertFalse(c.cancelled());
        assertEquals(4, d.result());
    }

    @Test
    void returnExceptionsCollectsExceptionsAndCancellations() { // test_return_exceptions
        Future<Integer> a = fut();
        Future<Integer> b = fut();
        Future<Integer> c = fut();
        Future<Integer> d = fut();
        Future<List<Object>> outer = gather(true, a, b, c, d);
        RuntimeException exc = new RuntimeException("b");
        RuntimeException exc2 = new RuntimeException("d");
        b.setException(exc);
        a.setResult(1);
        c.cancel("why");
        runBriefly();
        assertFalse(outer.done());
        d.setException(exc2);
        runBriefly();
        List<Object> results = outer.result();
        assertEquals(1, results.get(0));
        assertSame(exc, results.get(1));
        CancelledError cancelled = assertInstanceOf(CancelledError.class, results.get(2));
        assertEquals("why", cancelled.getMessage());
        assertSame(exc2, results.get(3));
    }

    @Test
    void aCancelledChildFailsTheOuterWithCancelledError() { // test_one_cancellation
        Future<Integer> a = fut();
        Future<Integer> b = fut();
        Future<Integer> c = fut();
        Future<List<Integer>> outer = gather(a, b, c);
        a.setResult(1);
        b.cancel();
        runBriefly();
        assertTrue(outer.done());
        assertFalse(outer.cancelled());
        assertInstanceOf(CancelledError.class, outer.exception());
        assertThrows(CancelledError.class, outer::result);
        assertFalse(c.done());
    }

    @Test
    void cancellingTheGatherCancelsEveryChild() { // test_cancellation_broadcast (futures)
        Future<Integer> a = fut();
        Future<Integer> b = fut();
        Future<List<Object>> outer = gather(true, a, b);
        a.setResult(1);
        runBriefly();
        assertTrue(outer.cancel("enough"));
        assertFalse(a.cancelled());
        assertTrue(b.cancelled());
        runBriefly();
        assertTrue(outer.done());
        assertFalse(outer.cancelled(), "the outer has a CancelledError exception, it is not cancelled itself");
        CancelledError error = assertInstanceOf(CancelledError.class, outer.exception());
        assertEquals("enough", error.getMessage());
        assertFalse(outer.cancel());
    }

    @Test
    void cancellingTheTaskAwaitingGatherCancelsTheChildren() { // CoroutineGatherTests.test_cancellation_broadcast
        int[] proof = {0};
        Future<Void> waiter = loop.createFuture();
        Task<Void> child1 = loop.createTask(co.incrementAfter(waiter, proof));
        Task<Void> child2 = loop.createTask(co.incrementAfter(waiter, proof));
        List<Future<List<Object>>> holder = new ArrayList<>();
        Task<Void> f = loop.createTask(co.awaitGather(holder, proof, child1, child2));
        runBriefly();
        assertTrue(f.cancel());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(f));
        assertFalse(holder.get(0).cancel());
        assertTrue(waiter.cancelled());
        assertTrue(child1.cancelled());
        assertTrue(child2.cancelled());
        runBriefly();
        assertEquals(0, proof[0]);
    }

    @Test
    void aGatherWhoseChildrenAreDoneRefusesTheCancel() { // test_cancel_gather_1 (bpo-26923)
        Future<Integer> fut = fut();
        Task<Integer> child = loop.createTask(co.awaitFuture(fut));
        Future<List<Integer>> gathering = gather(child);
        boolean[] cancelResult = {true};
        child.addDoneCallback(done -> cancelResult[0] = gathering.cancel());
        fut.setResult(42);
        loop.runUntilComplete(gathering);
        assertFalse(cancelResult[0]);
        assertFalse(gathering.cancelled());
        assertEquals(List.of(42), gathering.result());
    }

    @Test
    void cancelMessageReachesTheAwaiterOfAGatherLoop() { // test_cancel_gather_2
        for (String message : new String[] {null, "my message"}) {
            try (EventLoop l = EventLoop.newVirtualTimeLoop()) {
                CancelledError error = assertThrows(CancelledError.class,
                        () -> l.runUntilComplete(co.cancelGatherForever(message)));
                assertEquals(message, error.getMessage());
            }
        }
    }

    @Test
    void laterChildExceptionsAreRetrievedAndTheFirstOneWins() { // test_exception_marking
        Future<Void> a = loop.createFuture();
        Future<Void> b = loop.createFuture();
        Task<Void> f = loop.createTask(co.gatherTwoFailing(a, b));
        runBriefly();
        a.setResult(null);
        runBriefly();
        b.setResult(null);
        runBriefly();
        assertInstanceOf(IllegalStateException.class, f.exception());
    }

    @Test
    void shieldInsideGather() { // test_gather_shield
        Future<Integer> child1 = fut();
        Future<Integer> child2 = fut();
        Future<Integer> inner1 = shield(child1);
        Future<Integer> inner2 = shield(child2);
        Future<List<Integer>> parent = gather(inner1, inner2);
        runBriefly();
        parent.cancel();
        runBriefly();
        assertInstanceOf(CancelledError.class, parent.exception());
        assertTrue(inner1.cancelled());
        assertTrue(inner2.cancelled());
        assertFalse(child1.cancelled());
        child1.setResult(1);
        child2.setResult(2);
        runBriefly();
        assertEquals(1, child1.result());
    }

    @Test
    void gatherInsideShield() { // test_shield_gather
        Future<Integer> child1 = fut();
        Future<Integer> child2 = fut();
        Future<List<Integer>> parent = gather(child1, child2);
        Future<List<Integer>> outer = shield(parent);
        runBriefly();
        outer.cancel();
        runBriefly();
        assertTrue(outer.cancelled());
        child1.setResult(1);
        child2.setResult(2);
        runBriefly();
        assertEquals(List.of(1, 2), parent.result());
    }
}
