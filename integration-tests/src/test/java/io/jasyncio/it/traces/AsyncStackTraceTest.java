package io.jasyncio.it.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.ExceptionGroup;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import io.jasyncio.it.SourceLines;
import io.jasyncio.it.VirtualLoopTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An exception that passes up through awaits carries, after its own frames, one element per
 * coroutine it crossed: the user's method, file and the line of the await, innermost first,
 * through task-awaits-task and through the runtime's helpers.
 */
class AsyncStackTraceTest extends VirtualLoopTest {
    private static final SourceLines SOURCE = new SourceLines(AsyncTraces.class);

    /** The trace's elements of the scenario class, as "method:line", in trace order. */
    private static List<String> userFrames(Throwable error) {
        return Arrays.stream(error.getStackTrace())
                .filter(e -> e.getClassName().equals(AsyncTraces.class.getName()))
                .peek(e -> assertEquals(SOURCE.fileName(), e.getFileName(), e.toString()))
                .map(e -> e.getMethodName() + ":" + e.getLineNumber())
                .collect(Collectors.toList());
    }

    /** "method:line" for each (method, marker) pair. */
    private static List<String> expected(String... methodsAndMarkers) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < methodsAndMarkers.length; i += 2) {
            frames.add(methodsAndMarkers[i] + ":" + SOURCE.marker(methodsAndMarkers[i + 1]));
        }
        return frames;
    }

    @ParameterizedTest(name = "suspending first: {0}")
    @ValueSource(booleans = {false, true})
    void everyCoroutineOfTheChainAppearsWithTheLineOfItsAwait(boolean suspend) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(AsyncTraces.main(suspend)));

        assertEquals("thrown in c", e.getMessage());
        assertEquals(expected("c", "c-throw", "b", "b", "a", "a", "main", "main"), userFrames(e));
    }

    @ParameterizedTest(name = "suspending first: {0}")
    @ValueSource(booleans = {false, true})
    void aGeneratorsFailureNamesTheConsumersAwaitAndItsCallers(boolean suspend) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(AsyncTraces.generatorMain(suspend)));

        assertEquals("thrown in the generator", e.getMessage());
        assertEquals(expected("failingGenerator", "generator-throw", "consume", "consume",
                "generatorMain", "generator-main"), userFrames(e));
    }

    @Test
    void theAsyncFramesFollowTheThrowersOwnFramesAndPrecedeTheLoopsMachinery() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(AsyncTraces.main(true)));

        StackTraceElement[] trace = e.getStackTrace();
        assertEquals("c", trace[0].getMethodName());
        List<String> next = Arrays.stream(trace, 1, 4).map(StackTraceElement::getMethodName).toList();
        assertEquals(List.of("b", "a", "main"), next);
        assertTrue(Arrays.stream(trace, 4, trace.length).anyMatch(el -> el.getClassName().startsWith("io.jasyncio.")),
                "the loop's frames stay after the coroutines': " + Arrays.toString(trace));
    }

    @ParameterizedTest(name = "suspending first: {0}")
    @ValueSource(booleans = {false, true})
    void aChainDeeperThanTheNestingLimitNamesEveryLevelInOrder(boolean suspend) {
        int levels = 100;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(AsyncTraces.deep(levels, suspend)));

        List<String> frames = new ArrayList<>();
        frames.add("deep:" + SOURCE.marker("deep-throw"));
        for (int i = 0; i < levels; i++) {
            frames.add("deep:" + SOURCE.marker("deep-await"));
        }
        assertEquals(frames, userFrames(e));
    }

    @Test
    void aResumedCallerLandsAfterTheMethodsStillOnTheJavaStack() {
        int levels = 100;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(AsyncTraces.aboveDeep(levels)));

        List<String> frames = new ArrayList<>();
        frames.add("deep:" + SOURCE.marker("deep-throw"));
        for (int i = 0; i < levels; i++) {
            frames.add("deep:" + SOURCE.marker("deep-await"));
        }
        frames.addAll(expected("sleepThenDeep", "sleep-then-deep", "aboveDeep", "above-deep"));
        assertEquals(frames, userFrames(e));
    }

    @Test
    void aTaskAwaitingAFailedTaskContinuesTheChain() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(AsyncTraces.outerTask()));

        assertEquals(expected("leaf", "leaf-throw", "innerTask", "inner-await", "outerTask", "outer-await"),
                userFrames(e));
    }

    @Test
    void waitForsTimeoutThreeCoroutinesDownNamesEachOfThem() {
        TimeoutError e = assertThrows(TimeoutError.class, () -> loop.runUntilComplete(AsyncTraces.waitForTop()));

        assertEquals(expected("waitForBottom", "wf-bottom", "waitForMiddle", "wf-middle", "waitForTop", "wf-top"),
                userFrames(e));
    }

    @Test
    void aGatheredFailureContinuesIntoTheGatheringCoroutine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loop.runUntilComplete(AsyncTraces.gatherTop()));

        assertEquals(expected("gathered", "gathered-throw", "gatherTop", "gather-top"), userFrames(e));
    }

    @Test
    void aTimeoutBlocksExpiryNamesTheAwaitItInterruptedAndTheCallers() {
        TimeoutError e = assertThrows(TimeoutError.class, () -> loop.runUntilComplete(AsyncTraces.timeoutTop()));

        assertEquals(expected("timeoutBlock", "timeout-sleep", "timeoutTop", "timeout-top"), userFrames(e));
    }

    @Test
    void aTaskGroupsErrorNamesTheJoinAndTheChildsOwnFailureKeepsItsThrow() {
        ExceptionGroup e = assertThrows(ExceptionGroup.class, () -> loop.runUntilComplete(AsyncTraces.groupTop()));

        assertEquals(expected("groupJoin", "group-join", "groupTop", "group-top"), userFrames(e));
        Throwable child = e.exceptions().get(0);
        assertInstanceOf(IllegalArgumentException.class, child);
        assertEquals(expected("gathered", "gathered-throw"), userFrames(child));
    }

    @Test
    void aCancellationDeliveredInsideAsyncioWaitNamesTheWaitingCoroutines() {
        List<Task<?>> started = new ArrayList<>();
        Task<Void> task = loop.createTask(AsyncTraces.waitTop(started));
        loop.runUntilComplete(io.jasyncio.Asyncio.sleep(1));
        assertEquals(1, started.size(), "the coroutine is waiting");
        task.cancel("stop waiting");

        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));

        // As in asyncio, a cancelled task's result() raises a new CancelledError whose cause is
        // the one that travelled through the coroutines.
        assertEquals(List.of(), userFrames(e));
        assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals(expected("waitMiddle", "wait-middle", "waitTop", "wait-top"), userFrames(e.getCause()));
        started.get(0).cancel();
    }

    @Test
    void theLineIsTheAwaitsOwnInsideLoopsSwitchesAndTryFinally() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> loop.runUntilComplete(AsyncTraces.constructsTop(5)));

        assertEquals("round 4", e.getMessage());
        assertEquals(expected("constructsLeaf", "constructs-throw", "constructsTop", "constructs-case"), userFrames(e));
    }

    @Test
    void aPrintedTraceShowsTheWholeChainAndTheSwitchTurnsItOff() throws Exception {
        String on = runPrintTrace();
        String off = runPrintTrace("-Djasyncio.asyncStackTraces=false");

        String file = SOURCE.fileName();
        for (String[] frame : new String[][] {{"c", "c-throw"}, {"b", "b"}, {"a", "a"}, {"main", "main"}}) {
            String element = "at " + AsyncTraces.class.getName() + "." + frame[0] + "(" + file + ":"
                    + SOURCE.marker(frame[1]) + ")";
            assertTrue(on.contains(element), "missing " + element + " in:\n" + on);
        }
        assertTrue(off.contains("." + "c(" + file + ":" + SOURCE.marker("c-throw") + ")"), off);
        assertTrue(!off.contains(".b(" + file) && !off.contains(".a(" + file) && !off.contains(".main(" + file),
                "with the switch off only c's own frame is there:\n" + off);
    }

    private static String runPrintTrace(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PrintTrace.class.getName()));
        Path output = Files.createTempFile("print-trace", ".txt");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end within 60 s");
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), text);
            return text;
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }
}
