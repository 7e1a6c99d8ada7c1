package io.jasyncio.it.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.CallGraph;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.it.SourceLines;
import io.jasyncio.it.VirtualLoopTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** captureCallGraph follows a task down into what it awaits and up to the tasks awaiting it. */
class CallGraphTest extends VirtualLoopTest {
    private static final SourceLines SOURCE = new SourceLines(AsyncTraces.class);

    private static String at(String method, String marker) {
        return AsyncTraces.class.getName() + "." + method + "(AsyncTraces.java:" + SOURCE.marker(marker) + ")";
    }

    @Test
    void aTaskWaitingForATaskWaitingForAFuture() {
        Future<Integer> gate = loop.createFuture();
        List<Task<?>> inner = new ArrayList<>();
        Task<Integer> outer = loop.createTask(AsyncTraces.graphOuter(gate, inner), "outer");
        loop.runUntilComplete(Asyncio.sleep(0));

        CallGraph graph = Asyncio.captureCallGraph(inner.get(0));

        assertSame(inner.get(0), graph.future());
        assertEquals(List.of(at("graphLeaf", "graph-leaf"), at("graphInner", "graph-inner")),
                graph.callStack().stream().map(String::valueOf).toList());
        assertSame(gate, graph.awaits().future());
        assertNull(graph.awaits().awaits());
        assertEquals(1, graph.awaitedBy().size());
        CallGraph waiter = graph.awaitedBy().get(0);
        assertSame(outer, waiter.future());
        assertEquals(List.of(at("graphOuter", "graph-outer")), waiter.callStack().stream().map(String::valueOf).toList());

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Asyncio.printCallGraph(inner.get(0), new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertEquals(graph.toString(), printed.toString(StandardCharsets.UTF_8));

        gate.setResult(1);
        assertEquals(4, loop.runUntilComplete(outer));
    }

    @Test
    void aGatheredChildIsAwaitedByTheGatherAndThroughItByTheTaskAwaitingTheGather() {
        Future<Integer> gate = loop.createFuture();
        List<Task<?>> children = new ArrayList<>();
        Task<Integer> parent = loop.createTask(AsyncTraces.graphGather(gate, children), "parent");
        loop.runUntilComplete(Asyncio.sleep(0));

        CallGraph graph = Asyncio.captureCallGraph(children.get(0));

        assertEquals(List.of(at("graphLeaf", "graph-leaf")), graph.callStack().stream().map(String::valueOf).toList());
        assertEquals(1, graph.awaitedBy().size());
        CallGraph gathering = graph.awaitedBy().get(0);
        assertSame(Asyncio.captureCallGraph(parent).awaits().future(), gathering.future(), "the gather's future");
        assertEquals(List.of(), gathering.callStack());
        assertEquals(1, gathering.awaitedBy().size());
        CallGraph waiter = gathering.awaitedBy().get(0);
        assertSame(parent, waiter.future());
        assertEquals(List.of(at("graphGather", "graph-gather")), waiter.callStack().stream().map(String::valueOf).toList());

        gate.setResult(1);
        assertEquals(2, loop.runUntilComplete(parent));
    }

    @Test
    void aTaskGroupsChildIsAwaitedByTheGroupsParentTask() {
        Future<Integer> gate = loop.createFuture();
        List<Task<?>> children = new ArrayList<>();
        Task<Integer> parent = loop.createTask(AsyncTraces.graphGroup(gate, children), "parent");
        loop.runUntilComplete(Asyncio.sleep(0));

        CallGraph graph = Asyncio.captureCallGraph(children.get(0));

        List<CallGraph> waiters = graph.awaitedBy();
        assertEquals(1, waiters.size(), graph.toString());
        assertSame(parent, waiters.get(0).future());
        // The group's exit is an @Async method of the runtime: it shows as the innermost frame.
        List<String> stack = waiters.get(0).callStack().stream().map(String::valueOf).toList();
        assertEquals(2, stack.size(), stack.toString());
        assertTrue(stack.get(0).startsWith("io.jasyncio.TaskGroup.join(TaskGroup.java:"), stack.toString());
        assertEquals(at("graphGroup", "graph-group"), stack.get(1));

        gate.setResult(1);
        assertEquals(1, loop.runUntilComplete(parent));
    }
}
