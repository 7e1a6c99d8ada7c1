package io.jasyncio.it.helpers;

import static io.jasyncio.Asyncio.asCompleted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CPython 3.11 test_tasks: test_as_completed*. */
class AsCompletedTest extends HelperLoopTest {

    @Test
    void completionOrder() { // test_as_completed
        Task<Integer> a = loop.createTask(co.valueAfter(0.15, 1));
        Task<Integer> b = loop.createTask(co.valueAfter(0.05, 2));
        Task<Integer> c = loop.createTask(co.valueAfter(0.10, 3));
        List<Coroutine<Integer>> next = asCompleted(List.of(a, b, c));
        assertEquals(3, next.size());
        assertEquals(List.of(2, 3, 1), loop.runUntilComplete(co.collect(next)));
    }

    @Test
    void coroutinesInsideACoroutine() {
        assertEquals(List.of(1, 2, 3), loop.runUntilComplete(co.firstToLast(Double.POSITIVE_INFINITY)));
    }

    @Test
    void timeoutMakesEachRemainingAwaitThrowAndCancelsNothing() { // test_as_completed_with_timeout
        Task<Integer> a = loop.createTask(co.valueAfter(0.1, 1));
        Task<Integer> b = loop.createTask(co.valueAfter(0.3, 2));
        Task<Integer> c = loop.createTask(co.valueAfter(0.4, 3));
        List<Object> out = loop.runUntilComplete(co.collect(asCompleted(List.of(a, b, c), 0.2)));
        assertEquals(1, out.get(0));
        assertInstanceOf(TimeoutError.class, out.get(1));
        assertInstanceOf(TimeoutError.class, out.get(2));
        assertEquals(List.of("value 1 at 0.1", "next at 0.1", "next at 0.2", "next at 0.2"), log);
        assertFalse(b.cancelled());
        assertEquals(3, loop.runUntilComplete(c));
    }

    @Test
    void unusedTimeout() { // test_as_completed_with_unused_timeout
        Task<Integer> a = loop.createTask(co.valueAfter(0.01, 1));
        assertEquals(List.of(1), loop.runUntilComplete(co.collect(asCompleted(List.of(a), Duration.ofSeconds(1)))));
        runBriefly();
    }

    @Test
    void awaitingTheLastOneFirst() { // test_as_completed_reverse_wait
        Task<Integer> a = loop.createTask(co.valueAfter(0.05, 1));
        Task<Integer> b = loop.createTask(co.valueAfter(0.10, 2));
        List<Coroutine<Integer>> next = asCompleted(List.of(a, b));
        assertEquals(1, loop.runUntilComplete(next.get(1)));
        assertEquals(2, loop.runUntilComplete(next.get(0)));
    }

    @Test
    void duplicatesCountOnce() { // test_as_completed_duplicate_coroutines
        Coroutine<Integer> c = co.valueAfter(0.1, 1);
        List<Coroutine<Integer>> next = inLoop(() -> asCompleted(List.of(c, c)));
        assertEquals(1, next.size());
        assertEquals(List.of(1), loop.runUntilComplete(co.collect(next)));
    }

    @Test
    void exceptionsArriveInCompletionOrder() {
        Future<Integer> a = loop.createFuture();
        Future<Integer> b = loop.createFuture();
        IllegalStateException exc = new IllegalStateException("b");
        List<Coroutine<Integer>> next = asCompleted(List.of(a, b));
        b.setException(exc);
        loop.callLater(1.0, () -> a.setResult(1));
        List<Object> out = loop.runUntilComplete(co.collect(next));
        assertSame(exc, out.get(0));
        assertEquals(1, out.get(1));
    }

    @Test
    void aCoroutineNeedsARunningLoopAndFuturesOneLoop() { // test_as_completed_coroutine_without_loop
        assertThrows(IllegalStateException.class, () -> asCompleted(List.of(co.valueAfter(0.1, 1))));
        try (EventLoop other = EventLoop.newVirtualTimeLoop()) {
            Future<Integer> a = loop.createFuture();
            Future<Integer> b = other.createFuture();
            assertThrows(IllegalArgumentException.class, () -> asCompleted(List.of(a, b)));
        }
    }
}
