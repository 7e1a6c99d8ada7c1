package io.jasyncio.it.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Barrier;
import io.jasyncio.BoundedSemaphore;
import io.jasyncio.Condition;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Lock;
import io.jasyncio.Semaphore;
import io.jasyncio.it.VirtualLoopTest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * CPython 3.11 test_locks, ported: each scenario runs on a virtual-time loop and its log is
 * compared with what the Python test asserts at the same points.
 */
class LocksTest extends VirtualLoopTest {

    private List<String> run(Function<List<String>, Coroutine<Void>> scenario) {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(scenario.apply(log));
        return log;
    }

    // ---- Lock ---------------------------------------------------------------------------------

    @Test
    void lockAcquireIsFifoAndANewcomerQueuesBehindTheWokenWaiter() {
        assertEquals(List.of("acquire true", "[]", "[1]", "[1]", "[1, 2]", "[1, 2, 3]",
                "true true true true true true"), run(LockScenarios::acquire));
    }

    @Test
    void lockFifoWithLatecomer() {
        assertEquals(List.of("0", "1", "2", "3", "4", "late"), loop.runUntilComplete(LockScenarios.fifoWithLatecomer()));
    }

    @Test
    void lockAcquireCancelLeavesNoWaiter() {
        assertEquals(List.of("acquire true", "CancelledError", "<Lock [locked]>"), run(LockScenarios::acquireCancel));
    }

    @Test
    void lockCancelRace() {
        assertEquals(List.of("locked true", "<Lock [locked, waiters:1]>", "<Lock [locked, waiters:2]>",
                "locked false, ta done true, tb cancelled true", "tc null"), run(LockScenarios::cancelRace));
    }

    @Test
    void lockCancelReleaseRaceLetsExactlyOneTaskIn() {
        assertEquals(List.of("t1 CancelledError", "locks taken 1, calls 3", "t1 cancelled true, t2 done true",
                "t3 cancelled true"), run(LockScenarios::cancelReleaseRace));
    }

    @Test
    void lockFinishedWaiterCancelled() {
        assertEquals(List.of("locked true", "<Lock [locked, waiters:1]>", "locked true, tb cancelled true", "tc true"),
                run(LockScenarios::finishedWaiterCancelled));
    }

    @Test
    void lockWaiterWokenThenCancelledPassesTheWakeOn() {
        assertEquals(List.of("<Lock [locked, waiters:2]>", "tb CancelledError, tc done true true, <Lock [locked]>"),
                run(LockScenarios::wokenThenCancelledPassesTheWakeOn));
    }

    @Test
    void lockReleaseWhenNotAcquired() {
        Lock lock = new Lock();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("Lock is not acquired.", e.getMessage());
        assertTrue(loop.runUntilComplete(lock.acquire()));
        lock.release();
        assertFalse(lock.locked());
    }

    @Test
    void lockIsBoundToTheLoopOfItsFirstWait() {
        Lock lock = new Lock();
        assertTrue(loop.runUntilComplete(lock.acquire()));
        loop.callLater(1.0, lock::release);
        assertTrue(loop.runUntilComplete(lock.acquire()));   // waited: bound to `loop`
        EventLoop other = EventLoop.newVirtualTimeLoop();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> other.runUntilComplete(lock.acquire()));
            assertEquals("<Lock [locked]> is bound to a different event loop", e.getMessage());
            lock.release();
            assertTrue(other.runUntilComplete(lock.acquire()));   // fast path: no loop involved
        } finally {
            other.close();
        }
    }

    // ---- Event --------------------------------------------------------------------------------

    @Test
    void eventWakesAllWaitersInOrder() {
        assertEquals(List.of("set false", "[]", "[3, 1, 2]", "true null true null true null"),
                run(EventScenarios::waitOrder));
    }

    @Test
    void eventWaitOnSet() {
        assertTrue(loop.runUntilComplete(EventScenarios.waitOnSet()));
    }

    @Test
    void eventWaitCancel() {
        assertEquals(List.of("CancelledError", "<Event [unset]>"), run(EventScenarios::waitCancel));
    }

    @Test
    void eventSetThenClearStillReleasesTheWaiters() {
        assertEquals(List.of("[]", "set false", "<Event [set, waiters:1]>", "[1]", "<Event [set]>", "done true"),
                run(EventScenarios::clearWithWaiters));
    }

    // ---- Condition ----------------------------------------------------------------------------

    @Test
    void conditionWaitersRelockOneAtATime() {
        assertEquals(List.of("[] false", "acquire true", "[] true", "[1] true", "[1] true", "[1, 2] true",
                "[1, 2, 3] true", "true true true"), run(ConditionScenarios::waitAndRelock));
    }

    @Test
    void conditionWaitCancelledStillReacquires() {
        assertEquals(List.of("CancelledError", "<Condition [locked]>"), run(ConditionScenarios::waitCancel));
    }

    @Test
    void conditionWaitCancelContested() {
        assertEquals(List.of("locked true", "locked false", "locked true", "wait task CancelledError", "locked true"),
                run(ConditionScenarios::waitCancelContested));
    }

    @Test
    void conditionCancelledWhileReacquiringAfterNotify() {
        assertEquals(List.of("cancelled true, waited true, locked false"),
                run(ConditionScenarios::waitCancelAfterNotify));
    }

    @Test
    void conditionWaitFor() {
        assertEquals(List.of("[]", "[]", "[1]", "true true"), run(ConditionScenarios::waitFor));
    }

    @Test
    void conditionSignalCounts() {
        assertEquals(List.of("[]", "[1]", "[1, 2, 3]", "[1, 2, 3, 4, 5]", "true", "true", "true", "true", "true"),
                run(ConditionScenarios::signalCounts));
    }

    @Test
    void conditionExplicitLock() {
        assertEquals(List.of("false false", "true true", "false false", "true true", "false false"),
                run(ConditionScenarios::explicitLock));
    }

    @Test
    void conditionCancelledInTheWaitKeepsItsCancelledError() {
        assertEquals(List.of("message foo, at the catch foo, held true, same true", "locked false"),
                run(log -> ConditionScenarios.cancelledErrorKept(false, log)));
    }

    @Test
    void conditionCancelledWhileReacquiringKeepsItsCancelledError() {
        assertEquals(List.of("message foo, at the catch foo, held true, same true", "locked false"),
                run(log -> ConditionScenarios.cancelledErrorKept(true, log)));
    }

    @Test
    void conditionSignalToACancelledWaiterIsNotLost() {
        assertEquals(List.of("state 0", "c0 CancelledError, c1 null"),
                run(log -> ConditionScenarios.cancelledWakeupNotLost(false, log)));
    }

    @Test
    void conditionSignalToAWaiterCancelledWhileRelockingIsNotLost() {
        assertEquals(List.of("state 0", "c0 CancelledError, c1 null"),
                run(log -> ConditionScenarios.cancelledWakeupNotLost(true, log)));
    }

    @Test
    void conditionUnacquired() {
        Condition cond = new Condition();
        IllegalStateException wait = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(cond.waitNotified()));
        assertEquals("cannot wait on un-acquired lock", wait.getMessage());
        assertTrue(loop.runUntilComplete(cond.waitFor(() -> true)));
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(cond.waitFor(() -> false)));
        assertEquals("cannot notify on un-acquired lock",
                assertThrows(IllegalStateException.class, cond::signal).getMessage());
        assertEquals("cannot notify on un-acquired lock",
                assertThrows(IllegalStateException.class, cond::signalAll).getMessage());
        assertFalse(cond.locked());
    }

    // ---- Semaphore ----------------------------------------------------------------------------

    @Test
    void semaphoreValue() {
        assertTrue(new Semaphore(0).locked());
        assertEquals("Semaphore initial value must be >= 0",
                assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1)).getMessage());
        assertEquals("<Semaphore [unlocked, value:1]>", new Semaphore().toString());
    }

    @Test
    void semaphoreAcquire() {
        assertEquals(List.of("true true locked false", "[1] <Semaphore [locked, waiters:2]>", "value 0",
                "3 <Semaphore [locked, waiters:1]>", "t1 true, racers done 2", "[true, true, true]"),
                run(SemaphoreScenarios::acquire));
    }

    @Test
    void semaphoreCancelBeforeAwokenIsSkipped() {
        assertEquals(List.of("t3 done true, t4 done false"), run(SemaphoreScenarios::acquireCancelBeforeAwoken));
    }

    @Test
    void semaphoreWokenThenCancelledGivesThePermitOn() {
        assertEquals(List.of("locked true, t1 CancelledError, t2 done true"), run(SemaphoreScenarios::acquireHang));
    }

    @Test
    void semaphoreFifoOrder() {
        assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"),
                loop.runUntilComplete(SemaphoreScenarios.fifoOrder()));
        assertEquals(List.of("1", "2", "3", "4"), loop.runUntilComplete(SemaphoreScenarios.fifoOrder2()));
        assertEquals(List.of("2", "3"), loop.runUntilComplete(SemaphoreScenarios.fifoOrder3()));
    }

    @Test
    void semaphoreOneAcquireWakesEveryWaiterItCanServe() {
        assertEquals(List.of("c1 value 0", "c2 value 2, locked true", "value 2, <Semaphore [locked, waiters:3]>",
                "c1 woken, value 0", "c3 locked true", "[1, 2, 3, 4]"), run(SemaphoreScenarios::fifoOrder4));
    }

    @Test
    void boundedSemaphoreReleasedTooManyTimes() {
        BoundedSemaphore sem = new BoundedSemaphore();
        assertEquals("BoundedSemaphore released too many times",
                assertThrows(IllegalStateException.class, sem::release).getMessage());
        assertTrue(loop.runUntilComplete(sem.acquire()));
        assertTrue(sem.locked());
        sem.release();
        assertFalse(sem.locked());
        assertThrows(IllegalStateException.class, sem::release);
        assertEquals(1, sem.value());
    }

    // ---- Barrier ------------------------------------------------------------------------------

    @Test
    void barrierParties() {
        assertEquals("parties must be > 0", assertThrows(IllegalArgumentException.class, () -> new Barrier(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
        assertEquals(5, new Barrier(5).parties());
    }

    @Test
    void barrierFillsTaskByTaskAndTheLastArrivalGetsTheLastIndex() {
        assertEquals(List.of("n_waiting 1 <Barrier [filling, waiters:1/3]>", "n_waiting 2 <Barrier [filling, waiters:2/3]>",
                "n_waiting 0 <Barrier [draining, waiters:0/3]>", "indexes [0, 1, 2]", "n_waiting 0, broken false"),
                run(BarrierScenarios::fillingTaskByTask));
    }

    @Test
    void barrierOfOne() {
        assertEquals(List.of("n_waiting 0", "0 0, n_waiting 0, broken false"), run(BarrierScenarios::fillingOneTaskTwice));
    }

    @Test
    void barrierIsCyclic() {
        // The last arrival of round one leaves first and is the first to arrive for round two.
        assertEquals(List.of("results [2, 3, 4, 0, 1]",
                "first [draining, draining, draining, draining, not draining]",
                "second [4, 0, 1, 2, 3]", "n_waiting 0, broken false"), run(BarrierScenarios::cyclic));
    }

    @Test
    void barrierCancelledWaiterLeaves() {
        assertEquals(List.of("n_waiting 1", "n_waiting 2", "n_waiting 1, t1 CancelledError", "n_waiting 2",
                "[null, null, null]", "[passed, passed, passed], n_waiting 0, broken false"),
                run(BarrierScenarios::fillingTasksCancelOne));
    }

    @Test
    void barrierResetBreaksTheWaiters() {
        String broken = "broken: Abort or reset of barrier";
        assertEquals(List.of("empty: n_waiting 0, broken false", "<Barrier [filling, waiters:4/5]>",
                "<Barrier [resetting, waiters:0/5]>", List.of(broken, broken, broken, broken).toString(),
                "<Barrier [filling, waiters:0/5]>"), run(BarrierScenarios::resetWhileTasksWaiting));
    }

    @Test
    void barrierAbortBreaksWaitersAndLaterArrivals() {
        String broken = "broken: Abort or reset of barrier";
        assertEquals(List.of("<Barrier [broken]>, n_waiting 0, broken true", List.of(broken, broken).toString(),
                "late: broken: Barrier aborted", "<Barrier [filling, waiters:0/3]>, broken false"),
                run(BarrierScenarios::abort));
    }

    @Test
    void barrierAbortWhenTasksHalfDrainingHalfBlocking() {
        assertEquals(List.of("broken true, 2 2, n_waiting 0"), run(BarrierScenarios::abortHalfDrainingHalfBlocking));
    }

    @Test
    void barrierAbortWhenException() {
        assertEquals(List.of("broken true, passed 0, broken 4, n_waiting 0"), run(BarrierScenarios::abortWhenException));
    }

    @Test
    void barrierAbortThenReset() {
        assertEquals(List.of("[null, null, null, null, null]", "broken false, passed 0, broken 4, again 5, n_waiting 0"),
                run(BarrierScenarios::abortThenResetting));
    }
}
