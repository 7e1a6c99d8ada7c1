package io.jasyncio.it.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.Done;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.ReturnWhen;
import io.jasyncio.Task;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CPython 3.11 test_tasks: test_wait*. */
class WaitTest extends HelperLoopTest {

    @Test
    void allCompletedWaitsForEveryone() { // test_wait
        Task<Integer> a = loop.createTask(co.valueAfter(0.1, 1));
        Task<Integer> b = loop.createTask(co.valueAfter(0.15, 2));
        Done<Integer> done = loop.runUntilComplete(co.waitAll(List.of(b, a)));
        assertEquals(Set.of(a, b), done.done());
        assertEquals(Set.of(), done.pending());
        assertEquals(List.of(b, a), List.copyOf(done.done()), "in the order given");
        assertTrue(log.contains("wait returned at 0.15"), log.toString());
    }

    @Test
    void duplicatesCountOnce() { // test_wait_duplicate_coroutines (with tasks)
        Task<Integer> a = loop.createTask(co.valueAfter(0.1, 1));
        Done<Integer> done = loop.runUntilComplete(co.waitAll(List.of(a, a, a)));
        assertEquals(Set.of(a), done.done());
    }

    @Test
    void emptySetIsRejectedWhenAwaited() { // test_wait_errors
        assertEquals("Set of Tasks/Futures is empty.", loop.runUntilComplete(co.waitError(List.of())));
    }

    @Test
    void coroutinesAreRejected() { // 3.11: "Passing coroutines is forbidden"
        assertEquals("Passing coroutines is forbidden, use tasks explicitly.",
                loop.runUntilComplete(co.waitError(List.of(co.valueAfter(0.1, 1)))));
        assertFalse(log.contains("value 1 at 0.1"));
    }

    @Test
    void futuresOfAnotherLoopAreRejected() {
        try (EventLoop other = EventLoop.newVirtualTimeLoop()) {
            Future<Integer> foreign = other.createFuture();
            String message = loop.runUntilComplete(co.waitError(List.of(foreign)));
            assertTrue(message.contains("different loop"), message);
        }
    }

    @Test
    void firstCompletedReturnsAfterOne() { // test_wait_first_completed
        Task<Integer> a = loop.createTask(co.valueAfter(10.0, 1));
        Task<Integer> b = loop.createTask(co.valueAfter(0.1, 2));
        Done<Integer> done = loop.runUntilComplete(co.waitOn(List.of(a, b), ReturnWhen.FIRST_COMPLETED, Double.POSITIVE_INFINITY));
        assertEquals(Set.of(b), done.done());
        assertEquals(Set.of(a), done.pending());
        assertFalse(a.done());
        assertFalse(a.cancelled(), "wait cancels nothing");
        assertEquals(1, loop.runUntilComplete(a));
    }

    @Test
    void futuresDoneByTheTimeTheWaiterResumesAreDone() { // test_wait_really_done
        Future<Integer> a = loop.createFuture();
        Future<Integer> b = loop.createFuture();
        Task<Done<Integer>> t = loop.createTask(co.waitOn(List.of(a, b), ReturnWhen.FIRST_COMPLETED, Double.POSITIVE_INFINITY));
        runBriefly();
        a.setResult(1);
        b.setResult(2);
        Done<Integer> done = loop.runUntilComplete(t);
        assertEquals(Set.of(a, b), done.done());
        assertEquals(Set.of(), done.pending());
    }

    @Test
    void firstExceptionReturnsAtTheFirstFailure() { // test_wait_first_exception
        Task<Integer> a = loop.createTask(co.valueAfter(10.0, 1));
        Task<Integer> b = loop.createTask(co.failAfter(0.1, new IllegalStateException("b")));
        Done<Integer> done = loop.runUntilComplete(co.waitOn(List.of(a, b), ReturnWhen.FIRST_EXCEPTION, Double.POSITIVE_INFINITY));
        assertEquals(Set.of(b), done.done());
        assertEquals(Set.of(a), done.pending());
        a.cancel();
    }

    @Test
    void firstExceptionIgnoresCancellationsAndResults() { // FIRST_EXCEPTION with no failure = ALL_COMPLETED
        Task<Integer> a = loop.createTask(co.valueAfter(0.3, 1));
        Task<Integer> b = loop.createTask(co.valueAfter(0.1, 2));
        Future<Integer> c = loop.createFuture();
        loop.callLater(0.2, c::cancel);
        Done<Integer> done = loop.runUntilComplete(co.waitOn(List.of(a, b, c), ReturnWhen.FIRST_EXCEPTION, Double.POSITIVE_INFINITY));
        assertEquals(Set.of(a, b, c), done.done());
        assertTrue(log.contains("wait returned at 0.3: 3 done, 0 pending"), log.toString());
    }

    @Test
    void firstExceptionAlreadyFailedReturnsAtOnce() { // test_wait_first_exception_in_wait
        Future<Integer> a = loop.createFuture();
        a.setException(new IllegalStateException("already"));
        Task<Integer> b = loop.createTask(co.valueAfter(10.0, 2));
        Done<Integer> done = loop.runUntilComplete(co.waitOn(List.of(a, b), ReturnWhen.FIRST_EXCEPTION, Double.POSITIVE_INFINITY));
        assertEquals(Set.of(a), done.done());
        assertEquals(Set.of(b), done.pending());
        a.exception();
    }

    @Test
    void withExceptionAllCompletedWaitsForAll() { // test_wait_with_exception
        Task<Integer> a = loop.createTask(co.failAfter(0.1, new IllegalStateException("a")));
        Task<Integer> b = loop.createTask(co.valueAfter(0.15, 2));
        Done<Integer> done = loop.runUntilComplete(co.waitAll(List.of(a, b)));
        assertEquals(Set.of(a, b), done.done());
        assertTrue(log.contains("wait returned at 0.15"), log.toString());
        a.exception();
    }

    @Test
    void timeoutNeitherThrowsNorCancels() { // test_wait_with_timeout
        Task<Integer> a = loop.createTask(co.valueAfter(0.1, 1));
        Task<Integer> b = loop.createTask(co.valueAfter(0.15, 2));
        Done<Integer> done = loop.runUntilComplete(co.waitOn(List.of(a, b), ReturnWhen.ALL_COMPLETED, 0.11));
        assertEquals(Set.of(a), done.done());
        assertEquals(Set.of(b), done.pending());
        assertTrue(log.contains("wait returned at 0.11: 1 done, 1 pending"), log.toString());
        assertFalse(b.cancelled());
        assertEquals(2, loop.runUntilComplete(b));
    }

    @Test
    void zeroTimeoutReturnsAfterOneIteration() {
        Future<Integer> a = loop.createFuture();
        Done<Integer> done = loop.runUntilComplete(co.waitOn(List.of(a), ReturnWhen.ALL_COMPLETED, 0));
        assertEquals(Set.of(a), done.pending());
        assertFalse(a.done());
    }

    @Test
    void concurrentCompletionBeforeTheTimeout() { // test_wait_concurrent_complete
        Task<Integer> a = loop.createTask(co.valueAfter(0.1, 1));
        Task<Integer> b = loop.createTask(co.valueAfter(0.15, 2));
        Done<Integer> done = loop.runUntilComplete(co.waitOn(List.of(a, b), ReturnWhen.ALL_COMPLETED, 0.1));
        assertTrue(done.done().contains(a));
        assertEquals(Set.of(b), done.pending());
        b.cancel();
    }

    @Test
    void cancellingTheWaiterCancelsNoneOfTheFutures() {
        Future<Integer> a = loop.createFuture();
        Task<Done<Integer>> t = loop.createTask(co.waitAll(List.of(a)));
        loop.callLater(1.0, t::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertFalse(a.done());
        a.setResult(1); // no callback of the wait is left on it
        runBriefly();
    }

    @Test
    void durationAndOverloadsCompile() {
        Future<Integer> a = loop.createFuture();
        List<Awaitable<Integer>> fs = List.of(a);
        loop.runUntilComplete(Asyncio.wait(fs, ReturnWhen.FIRST_COMPLETED, Duration.ofMillis(10)));
        loop.runUntilComplete(Asyncio.wait(fs, Duration.ofMillis(10)));
        loop.runUntilComplete(Asyncio.wait(fs, 0.01));
        a.setResult(1);
        assertEquals(Set.of(a), loop.runUntilComplete(Asyncio.wait(fs, ReturnWhen.FIRST_COMPLETED)).done());
        assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(fs, Double.NaN));
    }
}
