package io.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExceptionsTest extends VirtualLoopTest {

    /** The exception must arrive untouched: same object, same trace, nothing added to it. */
    private static void assertUntouched(Throwable expected, StackTraceElement[] traceBefore, Throwable actual) {
        assertSame(expected, actual);
        assertArrayEquals(traceBefore, actual.getStackTrace());
        assertNull(actual.getCause());
        assertEquals(0, actual.getSuppressed().length);
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void tryCatchFinally(FutureSource source) {
        Exceptions exceptions = new Exceptions(source.futures(loop));
        for (int n = 0; n < 8; n++) {
            assertEquals(Exceptions.tryCatchFinallySync(n), loop.runUntilComplete(exceptions.tryCatchFinally(n)),
                    "n=" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void finallyOnEveryExit(FutureSource source) {
        Exceptions exceptions = new Exceptions(source.futures(loop));
        List<List<Integer>> inputs = List.of(List.of(), List.of(1, 2, 3), List.of(1, -1, 2, 0, 5),
                List.of(-3, 4, 200, 6), List.of(7, -7, 8));
        for (List<Integer> values : inputs) {
            assertEquals(Exceptions.finallyOnEveryExitSync(values),
                    loop.runUntilComplete(exceptions.finallyOnEveryExit(values)), values.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void tryWithResources(FutureSource source) {
        Exceptions exceptions = new Exceptions(source.futures(loop));
        for (int n = 0; n < 8; n++) {
            assertEquals(Exceptions.tryWithResourcesSync(n), loop.runUntilComplete(exceptions.tryWithResources(n)),
                    "n=" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void nestedTries(FutureSource source) {
        Exceptions exceptions = new Exceptions(source.futures(loop));
        for (int n = 0; n < 6; n++) {
            assertEquals(Exceptions.nestedTriesSync(n), loop.runUntilComplete(exceptions.nestedTries(n)), "n=" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void checkedFailureOfAnAwaitedFutureIsCaughtAsItIs(FutureSource source) {
        Exceptions exceptions = new Exceptions(source.futures(loop));
        Exceptions.Refused refused = new Exceptions.Refused("connection refused");
        StackTraceElement[] trace = refused.getStackTrace().clone();

        Throwable caught = loop.runUntilComplete(exceptions.catchAwaitedFailure(refused));

        assertUntouched(refused, trace, caught);
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void rethrownFailureLeavesRunUntilCompleteAsItIs(FutureSource source) {
        Exceptions exceptions = new Exceptions(source.futures(loop));
        Exceptions.Refused refused = new Exceptions.Refused("refused again");
        StackTraceElement[] trace = refused.getStackTrace().clone();
        StringBuilder log = new StringBuilder();

        Throwable thrown = assertThrows(Exceptions.Refused.class,
                () -> loop.runUntilComplete(exceptions.rethrowAwaitedFailure(refused, log)));

        assertUntouched(refused, trace, thrown);
        assertEquals("seen refused again", log.toString());
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void uncaughtFailurePassesThroughAwaitingCoroutines(FutureSource source) {
        Exceptions exceptions = new Exceptions(source.futures(loop));
        Exceptions.Refused refused = new Exceptions.Refused("deep");
        StackTraceElement[] trace = refused.getStackTrace().clone();

        Throwable thrown = assertThrows(Exceptions.Refused.class,
                () -> loop.runUntilComplete(exceptions.failureThroughTwoCoroutines(refused)));

        assertUntouched(refused, trace, thrown);
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void exceptionThrownAfterAnAwaitKeepsTheUsersLines(FutureSource source) {
        Exceptions exceptions = new Exceptions(source.futures(loop));
        List<Throwable> created = new ArrayList<>();

        Throwable thrown = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(exceptions.throwAfterAwait(5, created)));

        assertSame(created.get(1), thrown);
        assertEquals("after 5", thrown.getMessage());
        StackTraceElement marker = created.get(0).getStackTrace()[0];
        StackTraceElement top = thrown.getStackTrace()[0];
        assertEquals("Exceptions.java", top.getFileName());
        assertEquals(marker.getLineNumber() + 2, top.getLineNumber());
    }
}
