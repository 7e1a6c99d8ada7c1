package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Task stepping and cancellation, with hand-written frames: asyncio's execution model (§0 of
 * the semantics) and tasks.py's cancel algorithm (CPython's test_tasks, where it applies).
 */
class TaskTest extends LoopTestBase {
    private final List<String> log = new ArrayList<>();

    /** Logs "name0", "name1", ... with a sleep(0) between each. */
    private TestFrame<Void> ticker(String name, int times) {
        return TestFrame.of(name, (f, v, error) -> {
            if (error != null) {
                throw error;
            }
            if (f.label < times) {
                log.add(name + f.label);
                return f.await(f.label + 1, Asyncio.sleep(0));
            }
            return f.ret(null);
        });
    }

    @Test
    void aTaskRunsItsCoroutineAndHasItsValue() {
        Task<Integer> task = loop.createTask(TestFrame.returning(42));
        assertFalse(task.done());
        assertEquals(42, loop.runUntilComplete(task));
        assertEquals(42, task.result());
        assertNoErrors();
    }

    @Test
    void tasksStartInCreationOrderAfterTheCallbacksAlreadyQueued() {
        loop.callSoon(() -> log.add("callback"));
        loop.createTask(TestFrame.logging(log, "task1"));
        loop.createTask(TestFrame.logging(log, "task2"));
        runUntilIdle();
        assertEquals(List.of("callback", "task1", "task2"), log);
    }

    @Test
    void awaitingADoneFutureOrACoroutineDoesNotSuspend() {
        // §0.2, verified on CPython: a: a1; await done_fut; a2; await sub(); a3, beside task b,
        // gives a1, a2, sub, a3, b1.
        Future<String> doneFuture = loop.createFuture();
        doneFuture.setResult("ready");
        TestFrame<Void> a = TestFrame.of("a", (f, v, error) -> {
            switch (f.label) {
                case 0:
                    log.add("a1");
                    return f.await(1, doneFuture);
                case 1:
                    log.add("a2");
                    return f.await(2, TestFrame.logging(log, "sub"));
                default:
                    log.add("a3");
                    return f.ret(null);
            }
        });
        loop.createTask(a);
        loop.createTask(TestFrame.logging(log, "b1"));
        runUntilIdle();
        assertEquals(List.of("a1", "a2", "sub", "a3", "b1"), log);
    }

    @Test
    void sleepZeroInterleavesTasksStrictly() {
        loop.createTask(ticker("x", 3));
        loop.createTask(ticker("y", 3));
        runUntilIdle();
        assertEquals(List.of("x0", "y0", "x1", "y1", "x2", "y2"), log);
    }

    @Test
    void tasksAwaitingTheSameFutureWakeInTheOrderTheyStartedWaiting() {
        Future<String> shared = loop.createFuture();
        for (int i = 0; i < 5; i++) {
            String name = "waiter" + i;
            loop.createTask(TestFrame.of(name, (f, value, error) -> {
                if (f.label == 0) {
                    return f.await(1, shared);
                }
                log.add(name + ":" + value);
                return f.ret(null);
            }));
        }
        loop.callLater(1, () -> shared.setResult("go"));
        runUntilIdle();
        assertEquals(List.of("waiter0:go", "waiter1:go", "waiter2:go", "waiter3:go", "waiter4:go"), log);
    }

    @Test
    void theResumeGoesThroughTheLoopNeverInlineFromSetResult() {
        Future<String> f = loop.createFuture();
        loop.createTask(TestFrame.of("waiter", (frame, value, error) -> {
            if (frame.label == 0) {
                return frame.await(1, f);
            }
            log.add("resumed");
            return frame.ret(null);
        }));
        loop.callLater(1, () -> {
            f.setResult("x");
            log.add("after setResult");
        });
        runUntilIdle();
        assertEquals(List.of("after setResult", "resumed"), log);
    }

    @Test
    void anExceptionOfTheCoroutineFailsTheTaskAndReachesItsAwaiterAsTheSameObject() {
        IOException failure = new IOException("boom");
        Task<Object> inner = loop.createTask(TestFrame.of("failing", (f, v, error) -> {
            throw failure;
        }));
        List<Throwable> caught = new ArrayList<>();
        Task<Object> outer = loop.createTask(TestFrame.of("outer", (f, v, error) -> {
            if (f.label == 0) {
                return f.await(1, inner);
            }
            caught.add(error);
            return f.ret("handled");
        }));
        assertEquals("handled", loop.runUntilComplete(outer));
        assertSame(failure, caught.get(0));
        assertSame(failure, inner.exception());
        assertNoErrors();
    }

    @Test
    void currentTaskIsTheSteppingTaskAndNullInAPlainCallback() {
        List<Object> seen = new ArrayList<>();
        Task<Object> task = loop.createTask(TestFrame.of("t", (f, v, e) -> {
            seen.add(Asyncio.currentTask());
            return f.ret(null);
        }));
        loop.callSoon(() -> seen.add(Asyncio.currentTask()));
        runUntilIdle();
        assertSame(task, seen.get(0));
        assertNull(seen.get(1));
        assertNull(Asyncio.currentTask());
    }

    @Test
    void allTasksListsThePendingTasksOfTheRunningLoop() {
        List<Set<Task<?>>> snapshots = new ArrayList<>();
        loop.callSoon(() -> snapshots.add(Asyncio.allTasks()));
        Future<Void> gate = loop.createFuture();
        Task<Void> waiting = loop.createTask(TestFrame.awaiting(gate));
        Task<Integer> quick = loop.createTask(TestFrame.returning(1));
        loop.callLater(1, () -> {
            snapshots.add(Asyncio.allTasks());
            gate.setResult(null);
        });
        loop.callLater(2, () -> snapshots.add(Asyncio.allTasks()));
        runUntilIdle();
        assertEquals(Set.of(waiting, quick), snapshots.get(0));
        assertEquals(Set.of(waiting), snapshots.get(1));
        assertEquals(Set.of(), snapshots.get(2));
        assertThrows(IllegalStateException.class, Asyncio::allTasks);
    }

    @Test
    void tasksAreNamedTaskNUnlessNamed() {
        Task<Integer> first = loop.createTask(TestFrame.returning(1));
        Task<Integer> second = loop.createTask(TestFrame.returning(2));
        Task<Integer> named = loop.createTask(TestFrame.returning(3), "fetcher");
        int n = Integer.parseInt(first.getName().substring("Task-".length()));
        assertEquals("Task-" + (n + 1), second.getName());
        assertEquals("fetcher", named.getName());
        named.setName("renamed");
        assertEquals("renamed", named.getName());
        assertTrue(first.toString().startsWith("<Task pending name='Task-" + n + "' coro=<coroutine returning>"),
                first.toString());
        runUntilIdle();
        assertEquals("<Task finished name='fetcher' coro=<coroutine returning> result=3>".replace("fetcher", "renamed"),
                named.toString());
    }

    @Test
    void aTasksOutcomeCannotBeSetFromOutside() {
        Task<Integer> task = loop.createTask(TestFrame.returning(1));
        assertEquals("Task does not support set_result operation",
                assertThrows(IllegalStateException.class, () -> task.setResult(2)).getMessage());
        assertEquals("Task does not support set_exception operation",
                assertThrows(IllegalStateException.class, () -> task.setException(new IOException())).getMessage());
    }

    @Test
    void aCoroutineCannotBeWrappedInTwoTasks() {
        TestFrame<Integer> coro = TestFrame.returning(1);
        loop.createTask(coro);
        assertThrows(IllegalStateException.class, () -> loop.createTask(coro));
    }

    // ---- cancellation ----------------------------------------------------------------------

    @Test
    void cancellingATaskCancelsTheAwaitedFutureAtOnceAndThrowsAtTheAwait() {
        Future<String> awaited = loop.createFuture();
        List<Throwable> caught = new ArrayList<>();
        Task<String> task = loop.createTask(TestFrame.of("t", (f, v, error) -> {
            if (f.label == 0) {
                return f.await(1, awaited);
            }
            caught.add(error);
            throw error;
        }));
        loop.callLater(1, () -> {
            assertTrue(task.cancel("bye"));
            log.add("future cancelled=" + awaited.cancelled() + ", task cancelled=" + task.cancelled());
        });
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertEquals(List.of("future cancelled=true, task cancelled=false"), log);
        assertEquals("bye", e.getMessage());
        assertEquals("bye", caught.get(0).getMessage());
        assertTrue(task.cancelled());
    }

    @Test
    void aTaskThatCatchesTheCancelAndReturnsIsNotCancelled() {
        Future<String> awaited = loop.createFuture();
        Task<Integer> task = loop.createTask(TestFrame.of("catching", (f, v, error) -> {
            if (f.label == 0) {
                return f.await(1, awaited);
            }
            return f.ret(error instanceof CancelledError ? 42 : -1);
        }));
        loop.callSoon(task::cancel);
        assertEquals(42, loop.runUntilComplete(task));
        assertFalse(task.cancelled());
        assertEquals(1, task.cancelling());
    }

    @Test
    void aTaskMayIgnoreTheCancelAndAwaitAgain() {
        Future<String> first = loop.createFuture();
        Future<String> second = loop.createFuture();
        Task<String> task = loop.createTask(TestFrame.of("ignoring", (f, value, error) -> {
            switch (f.label) {
                case 0:
                    return f.await(1, first);
                case 1:
                    log.add("ignored " + error.getClass().getSimpleName());
                    return f.await(2, second);
                default:
                    return f.ret(value);
            }
        }));
        loop.callSoon(task::cancel);
        loop.callLater(1, () -> second.setResult("carried on"));
        assertEquals("carried on", loop.runUntilComplete(task));
        assertEquals(List.of("ignored CancelledError"), log);
    }

    @Test
    void aTaskCancelledBeforeItStartsNeverRunsItsBody() {
        Task<String> task = loop.createTask(TestFrame.logging(log, "body"));
        assertTrue(task.cancel("early"));
        assertEquals("early", assertThrows(CancelledError.class, () -> loop.runUntilComplete(task)).getMessage());
        assertEquals(List.of(), log);
        assertTrue(task.cancelled());
    }

    @Test
    void cancelledTwiceBeforeItStartsTheLastMessageWins() {
        Task<String> task = loop.createTask(TestFrame.logging(log, "body"));
        task.cancel("first");
        task.cancel("second");
        assertEquals(2, task.cancelling());
        assertEquals("second", assertThrows(CancelledError.class, () -> loop.runUntilComplete(task)).getMessage());
    }

    @Test
    void aSecondCancelOfAWaitingTaskDeliversTheFirstMessage() {
        Future<String> awaited = loop.createFuture();
        Task<String> task = loop.createTask(TestFrame.awaiting(awaited));
        loop.callSoon(() -> {
            assertTrue(task.cancel("first"));
            assertTrue(task.cancel("second"));
        });
        assertEquals("first", assertThrows(CancelledError.class, () -> loop.runUntilComplete(task)).getMessage());
        assertEquals(2, task.cancelling());
    }

    @Test
    void aSelfCancelArrivesAtTheNextRealSuspensionNotAtADoneFuture() {
        Future<String> done = loop.createFuture();
        done.setResult("instant");
        Future<String> pending = loop.createFuture();
        Task<String> task = loop.createTask(TestFrame.of("self", (f, value, error) -> {
            switch (f.label) {
                case 0:
                    Asyncio.currentTask().cancel("self");
                    return f.await(1, done);
                case 1:
                    log.add("done future gave " + value + ", error " + error);
                    return f.await(2, pending);
                default:
                    log.add("pending future gave " + (error == null ? "no error" : error.getClass().getSimpleName()));
                    throw error;
            }
        }));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertEquals(List.of("done future gave instant, error null", "pending future gave CancelledError"), log);
        assertTrue(pending.cancelled());
    }

    @Test
    void aTaskThatCancelsItselfAndReturnsEndsCancelled() {
        Task<String> task = loop.createTask(TestFrame.of("cancel at end", (f, v, e) -> {
            Asyncio.currentTask().cancel();
            return f.ret("ignored");
        }));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertTrue(task.cancelled());
    }

    @Test
    void aCancelDuringSleepZeroArrivesAtTheNextStep() {
        Task<Void> task = loop.createTask(ticker("t", 10));
        loop.callSoon(() -> loop.callSoon(task::cancel));
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertEquals(List.of("t0", "t1"), log);
    }

    @Test
    void cancellingAnOuterTaskCancelsTheInnerOneWhoseValueThenWins() {
        // The inner task swallows the cancel and returns 42: the outer await gets 42 and the
        // outer task goes on, not cancelled, with cancelling() still 1.
        Future<String> gate = loop.createFuture();
        Task<Integer> inner = loop.createTask(TestFrame.of("inner", (f, v, error) -> {
            if (f.label == 0) {
                return f.await(1, gate);
            }
            return f.ret(42);
        }));
        Task<String> outer = loop.createTask(TestFrame.of("outer", (f, value, error) -> {
            if (f.label == 0) {
                return f.await(1, inner);
            }
            return f.ret("outer got " + value + ", error " + error);
        }));
        loop.callLater(1, outer::cancel);
        assertEquals("outer got 42, error null", loop.runUntilComplete(outer));
        assertFalse(outer.cancelled());
        assertEquals(1, outer.cancelling());
        assertEquals(1, inner.cancelling());
        assertTrue(gate.cancelled());
    }

    @Test
    void cancelOfADoneTaskReturnsFalse() {
        Task<Integer> task = loop.createTask(TestFrame.returning(1));
        loop.runUntilComplete(task);
        assertFalse(task.cancel());
        assertEquals(0, task.cancelling());
    }

    @Test
    void uncancelTakesBackARequestButNeverGoesBelowZero() {
        Future<String> gate = loop.createFuture();
        Task<String> task = loop.createTask(TestFrame.awaiting(gate));
        loop.stop();
        loop.runForever();
        task.cancel();
        task.cancel();
        assertEquals(2, task.cancelling());
        assertEquals(1, task.uncancel());
        assertEquals(0, task.uncancel());
        assertEquals(0, task.uncancel());
    }

    // ---- bad awaits ------------------------------------------------------------------------

    @Test
    void aTaskAwaitingItselfGetsAnErrorAtTheAwait() {
        List<Throwable> caught = new ArrayList<>();
        Task<?>[] self = new Task<?>[1];
        self[0] = loop.createTask(TestFrame.of("narcissus", (f, v, error) -> {
            if (f.label == 0) {
                return f.await(1, Asyncio.currentTask());
            }
            caught.add(error);
            return f.ret(null);
        }));
        loop.runUntilComplete(self[0]);
        assertTrue(caught.get(0).getMessage().startsWith("Task cannot await on itself: <Task pending"));
    }

    @Test
    void aTaskAwaitingAFutureOfAnotherLoopGetsAnErrorAtTheAwait() {
        List<Throwable> caught = new ArrayList<>();
        try (EventLoop other = EventLoop.newVirtualTimeLoop()) {
            Future<String> foreign = other.createFuture();
            Task<Object> task = loop.createTask(TestFrame.of("t", (f, v, error) -> {
                if (f.label == 0) {
                    return f.await(1, foreign);
                }
                caught.add(error);
                return f.ret(null);
            }));
            loop.runUntilComplete(task);
        }
        assertTrue(caught.get(0).getMessage().endsWith("attached to a different loop"), caught.get(0).getMessage());
    }

    // ---- depth -----------------------------------------------------------------------------

    /** Awaits a chain {@code depth} deep whose innermost frame awaits a pending future. */
    private TestFrame<Integer> chain(int depth, Future<Integer> innermost) {
        return TestFrame.of("level" + depth, (f, value, error) -> {
            if (error != null) {
                throw error;
            }
            if (f.label == 0) {
                return f.await(1, depth == 0 ? innermost : chain(depth - 1, innermost));
            }
            return f.ret((Integer) value + 1);
        });
    }

    @Test
    void aHundredThousandNestedAwaitsSuspendOnTheLoopAndResume() {
        Future<Integer> innermost = loop.createFuture();
        Task<Integer> task = loop.createTask(chain(100_000, innermost));
        loop.callLater(1, () -> innermost.setResult(0));
        assertEquals(100_001, loop.runUntilComplete(task));
    }

    @Test
    void aCancelReachesTheInnermostOfNestedAwaitsAndUnwindsThroughThemAll() {
        Future<Integer> innermost = loop.createFuture();
        Task<Integer> task = loop.createTask(chain(10_000, innermost));
        loop.callLater(1, () -> task.cancel("deep"));
        assertEquals("deep", assertThrows(CancelledError.class, () -> loop.runUntilComplete(task)).getMessage());
        assertTrue(innermost.cancelled());
        assertTrue(task.cancelled());
    }
}
