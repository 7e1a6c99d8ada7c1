package io.jasyncio.it.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.ExceptionContext;
import io.jasyncio.ExceptionGroup;
import io.jasyncio.Task;
import io.jasyncio.it.VirtualLoopTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.TaskGroup's rules (CPython's test_taskgroups, where they apply), on virtual time. */
class TaskGroupTest extends VirtualLoopTest {
    private final List<String> log = new ArrayList<>();
    private final Groups groups = new Groups(log);

    private static List<String> messages(ExceptionGroup group) {
        return group.exceptions().stream().map(Throwable::getMessage).toList();
    }

    @Test
    void joinWaitsForEveryChild() {
        assertEquals(List.of("c0", "c1", "c2"), loop.runUntilComplete(groups.all(3, 1, 2)));
        assertEquals(3.0, loop.time());
    }

    @Test
    void theFirstFailureCancelsTheOtherChildrenAndComesOutOfJoinInAGroup() {
        Task<String> task = loop.createTask(groups.firstFailureCancelsTheRest(2, false));
        ExceptionGroup e = assertThrows(ExceptionGroup.class, () -> loop.runUntilComplete(task));
        assertEquals("unhandled errors in a TaskGroup (1 sub-exception)", e.getMessage());
        assertEquals(List.of("failing failed"), messages(e));
        assertTrue(log.contains("long cancelled"), log.toString());
        assertEquals(2.0, loop.time());
        assertEquals(0, task.cancelling());
    }

    @Test
    void theFirstFailureAlsoInterruptsTheBodyWhichJoinsWithItsCancellation() {
        Task<String> task = loop.createTask(groups.firstFailureCancelsTheRest(2, true));
        ExceptionGroup e = assertThrows(ExceptionGroup.class, () -> loop.runUntilComplete(task));
        assertEquals(List.of("failing failed"), messages(e));
        assertTrue(log.contains("body cancelled"), log.toString());
        assertFalse(log.contains("body not interrupted"), log.toString());
        assertEquals(0, task.cancelling());
    }

    @Test
    void aFailingBodyCancelsTheChildrenAndJoinsTheGroup() {
        ExceptionGroup e = assertThrows(ExceptionGroup.class, () -> loop.runUntilComplete(groups.bodyFails()));
        assertEquals(List.of("body failed"), messages(e));
        assertTrue(log.contains("child cancelled"), log.toString());
    }

    @Test
    void anOutsideCancelCancelsTheChildrenAndIsAPlainCancelledError() {
        Task<String> task = loop.createTask(groups.joinLong(false));
        loop.callLater(1, () -> task.cancel("outside"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertEquals("outside", e.getMessage());
        assertTrue(log.containsAll(List.of("a cancelled", "b cancelled")), log.toString());
        assertTrue(task.cancelled());
    }

    @Test
    void aChildFailingWhileAnOutsideCancelRunsGivesAGroup() {
        Task<String> task = loop.createTask(groups.joinLong(true));
        loop.callLater(1, () -> task.cancel("outside"));
        ExceptionGroup e = assertThrows(ExceptionGroup.class, () -> loop.runUntilComplete(task));
        assertEquals(List.of("failed while cancelled"), messages(e));
    }

    @Test
    void closingWithoutJoinCancelsTheChildren() {
        assertEquals("left", loop.runUntilComplete(groups.leavesEarly()));
        loop.callLater(100, loop::stop);
        loop.runForever();
        assertTrue(log.contains("orphan cancelled"), log.toString());
    }

    @Test
    void aFinishedGroupTakesNoMoreTasks() {
        String message = loop.runUntilComplete(groups.createAfterJoin());
        assertTrue(message.endsWith(" is finished"), message);
    }

    @Test
    void aGroupNeedsATask() {
        List<Throwable> errors = new ArrayList<>();
        loop.callSoon(() -> {
            try {
                new io.jasyncio.TaskGroup();
            } catch (IllegalStateException e) {
                errors.add(e);
            }
        });
        loop.stop();
        loop.runForever();
        assertTrue(errors.get(0).getMessage().endsWith("cannot determine the parent task"));
    }

    @Test
    void childrenThatFailAfterAnUnjoinedGroupClosedAreReported() {
        List<ExceptionContext> reported = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reported.add(c));
        assertEquals("left", loop.runUntilComplete(groups.leavesEarlyWithAChildFailingOnCancel()));
        loop.callLater(100, loop::stop);
        loop.runForever();
        assertEquals(1, reported.size());
        assertEquals("Unhandled error in a TaskGroup nobody joined", reported.get(0).message());
        assertEquals("failed while cancelled", reported.get(0).exception().getMessage());
    }
}
