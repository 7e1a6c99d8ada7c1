package io.jasyncio.it.traces;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the call graph of a task that another task awaits, then of a child gathered by a task:
 * docs/DEBUGGING.md shows the output.
 */
public final class CallGraphDemo {
    private CallGraphDemo() {}

    public static void main(String[] args) {
        try (EventLoop loop = EventLoop.newEventLoop()) {
            Future<Integer> gate = loop.createFuture();
            List<Task<?>> inner = new ArrayList<>();
            Task<Integer> outer = loop.createTask(AsyncTraces.graphOuter(gate, inner), "outer");
            loop.runUntilComplete(Asyncio.sleep(0));
            Asyncio.printCallGraph(inner.get(0));
            List<Task<?>> children = new ArrayList<>();
            Task<Integer> parent = loop.createTask(AsyncTraces.graphGather(gate, children), "parent");
            loop.runUntilComplete(Asyncio.sleep(0));
            System.out.println();
            Asyncio.printCallGraph(children.get(0));
            gate.setResult(1);
            loop.runUntilComplete(outer);
            loop.runUntilComplete(parent);
        }
    }
}
