package io.jasyncio.it.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.it.SourceLines;
import io.jasyncio.it.VirtualLoopTest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The running task's own stack, asked from its code: every coroutine of the chain, down to the running line. */
class RunningTaskStackTest extends VirtualLoopTest {
    private static final SourceLines SOURCE = new SourceLines(AsyncTraces.class);

    @ParameterizedTest(name = "after a suspension: {0}")
    @ValueSource(booleans = {false, true})
    void theChainFromTheTasksCoroutineToTheRunningLine(boolean suspend) {
        List<StackTraceElement> stack = loop.runUntilComplete(AsyncTraces.stackTop(suspend));

        assertEquals(List.of("stackTop:" + SOURCE.marker("stack-top"), "stackMiddle:" + SOURCE.marker("stack-middle"),
                        "stackLeaf:" + SOURCE.marker("stack-leaf")),
                stack.stream().map(e -> e.getMethodName() + ":" + e.getLineNumber()).toList());
    }
}
