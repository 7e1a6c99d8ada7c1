package io.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CancellationTest extends VirtualLoopTest {
    private static final String MESSAGE = "stop";

    /** What nobody completes: the task is waiting on it when the cancel comes. */
    private final Future<Integer> blocker = loop.createFuture();

    /** Cancels {@code task} at virtual time 1, long after every source future is done. */
    private <T> Task<T> cancelLater(Task<T> task) {
        loop.callLater(1.0, () -> task.cancel(MESSAGE));
        return task;
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void cancelCaughtAtTheAwaitAndRefused(FutureSource source) {
        Cancellation cancellation = new Cancellation(source.futures(loop));
        List<String> log = new ArrayList<>();
        List<String> expectedLog = new ArrayList<>();
        Task<String> task = cancelLater(loop.createTask(cancellation.catchAndReturn(blocker, log)));

        String got = loop.runUntilComplete(task);

        assertEquals(Cancellation.catchAndReturnSync(MESSAGE, expectedLog), got);
        assertEquals(expectedLog, log);
        assertFalse(task.cancelled());
        assertTrue(blocker.cancelled());
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void cancelCaughtThenRethrown(FutureSource source) {
        Cancellation cancellation = new Cancellation(source.futures(loop));
        List<String> log = new ArrayList<>();
        List<String> expectedLog = new ArrayList<>();
        Task<Integer> task = cancelLater(loop.createTask(cancellation.cleanUpAndRethrow(blocker, log)));

        CancelledError thrown = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));

        CancelledError expected = assertThrows(CancelledError.class,
                () -> Cancellation.cleanUpAndRethrowSync(MESSAGE, expectedLog));
        assertEquals(expected.getMessage(), thrown.getMessage());
        assertEquals(expectedLog, log);
        assertTrue(task.cancelled());
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void finallyBlocksRunOnCancel(FutureSource source) {
        Cancellation cancellation = new Cancellation(source.futures(loop));
        List<String> log = new ArrayList<>();
        List<String> expectedLog = new ArrayList<>();
        Task<Integer> task = cancelLater(loop.createTask(cancellation.finallyBlocksRun(blocker, log)));

        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));

        assertThrows(CancelledError.class, () -> Cancellation.finallyBlocksRunSync(MESSAGE, expectedLog));
        assertEquals(expectedLog, log);
        assertTrue(task.cancelled());
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void cancelledBeforeItStartsRunsNoneOfTheBody(FutureSource source) {
        Cancellation cancellation = new Cancellation(source.futures(loop));
        List<String> log = new ArrayList<>();
        Task<String> task = loop.createTask(cancellation.catchAndReturn(blocker, log));
        task.cancel(MESSAGE);

        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));

        assertEquals(List.of(), log);
        assertTrue(task.cancelled());
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void cancelUnwindsADeepChainThroughEveryFinally(FutureSource source) {
        Cancellation cancellation = new Cancellation(source.futures(loop));
        int depth = 10_000;
        int[] finallyCount = {0};
        int[] expectedCount = {0};
        Task<Integer> task = cancelLater(loop.createTask(cancellation.chainWithFinally(depth, blocker, finallyCount)));

        CancelledError thrown = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));

        CancelledError expected = assertThrows(CancelledError.class,
                () -> Cancellation.chainWithFinallySync(depth, MESSAGE, expectedCount));
        assertEquals(expected.getMessage(), thrown.getMessage());
        assertEquals(expectedCount[0], finallyCount[0]);
        assertTrue(task.cancelled());
    }
}
