package io.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExceptionsTest extends VirtualLoopTest {

    private static final SourceLines SOURCE = new SourceLines(Exceptions.class);

    /**
     * The exception must arrive as it was thrown: the same object, its own frames first and
     * unchanged, no cause or suppressed exception added; after its own frames come exactly the
     * awaits it crossed, innermost first ({@code method, text of the await} pairs).
     */
    private static void assertArrivedThrough(Throwable expected, StackTraceElement[] traceBefore, Throwable actual,
                                             String... methodsAndAwaits) {
        assertSame(expected, actual);
        StackTraceElement[] trace = actual.getStackTrace();
        assertArrayEquals(traceBefore, Arrays.copyOf(trace, traceBefore.length));
        List<String> added = Arrays.stream(trace, traceBefore.length, trace.length)
                .map(e -> e.getClassName() + "." + e.getMethodName() + "(" + e.getFileName() + ":" + e.getLineNumber() + ")")
                .toList();
        List<String> crossed = new ArrayList<>();
        for (int i = 0; i < methodsAndAwaits.length; i += 2) {
            crossed.add(Exceptions.class.getName() + "." + methodsAndAwaits[i] + "(Exceptions.java:"
                    + SOURCE.lineIn(methodsAndAwaits[i], methodsAndAwaits[i + 1]) + ")");
        }
        assertEquals(crossed, added);
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

        assertArrivedThrough(refused, trace, caught,
                "catchAwaitedFailure", "await(futures.<Integer>failing(error));");
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

        assertArrivedThrough(refused, trace, thrown,
                "rethrowAwaitedFailure", "return result(await(futures.<Integer>failing(error)));");
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

        assertArrivedThrough(refused, trace, thrown,
                "failAfterAwait", "return result(await(futures.<Integer>failing(error)) + one);",
                "failureThroughTwoCoroutines", "return result(await(failAfterAwait(error)) * 2);");
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
