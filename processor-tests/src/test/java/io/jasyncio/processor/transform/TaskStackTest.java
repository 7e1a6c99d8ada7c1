package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.internal.AwaitSiteTables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generated await-site table, and what Task.getStack()/printStack() make of it. */
class TaskStackTest {
    private static final CompiledClasses CLASSES = CompiledClasses.compileResource("Basics");
    private final EventLoop loop = EventLoop.newVirtualTimeLoop();

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void theProcessorGeneratesATableOfEveryAwait() throws Exception {
        Class<?> table = Class.forName("fixtures.Basics_AwaitSites", true, CLASSES);
        List<List<String>> rows = Arrays.stream(AwaitSiteTables.rowsOf(table)).map(Arrays::asList).toList();
        assertTrue(rows.contains(List.of("fixtures.Basics", "add", "1", "17", "await(a)")), rows.toString());
        assertTrue(rows.contains(List.of("fixtures.Basics", "nested", "2", "33", "await(add(a, 2))")), rows.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSuspendedTaskShowsEveryCoroutineAndTheAwaitItWaitsOn() throws Exception {
        Object basics = CLASSES.newInstance("fixtures.Basics");
        Future<Integer> pending = loop.createFuture();
        Coroutine<Integer> nested = (Coroutine<Integer>) basics.getClass().getMethod("nested", Future.class)
                .invoke(basics, pending);
        Task<Integer> task = loop.createTask(nested, "stacked");
        loop.stop();
        loop.runForever();

        List<StackTraceElement> stack = task.getStack();
        assertEquals(List.of("nested:32", "add:17"),
                stack.stream().map(e -> e.getMethodName() + ":" + e.getLineNumber()).toList());
        assertEquals("Basics.java", stack.get(0).getFileName());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        task.printStack(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals("Stack for " + task + " (most recent call last):\n"
                + "  File \"Basics.java\", line 32, in fixtures.Basics.nested\n"
                + "    await(add(a, 1))\n"
                + "  File \"Basics.java\", line 17, in fixtures.Basics.add\n"
                + "    await(a)\n", out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));

        loop.callSoon(() -> pending.setResult(1));
        loop.runUntilComplete(task);
        assertEquals(List.of(), task.getStack());
    }
}
