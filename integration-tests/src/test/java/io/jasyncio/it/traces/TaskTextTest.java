package io.jasyncio.it.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Asyncio;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.it.SourceLines;
import io.jasyncio.it.VirtualLoopTest;
import org.junit.jupiter.api.Test;

/** A task's text says where its coroutine is and what it waits for, as asyncio's repr does. */
class TaskTextTest extends VirtualLoopTest {
    private static final SourceLines SOURCE = new SourceLines(AsyncTraces.class);

    @Test
    void aWaitingTaskNamesTheLineOfItsAwaitAndTheFutureItWaitsFor() {
        Future<Integer> f = loop.createFuture();
        Task<Integer> task = loop.createTask(AsyncTraces.waitOn(f), "w");

        assertEquals("<Task pending name='w' coro=<AsyncTraces.waitOn() running at AsyncTraces.java:"
                + SOURCE.marker("wait-on-first") + ">>", task.toString(), "before its first step");

        loop.runUntilComplete(Asyncio.sleep(0));
        assertEquals("<Task pending name='w' coro=<AsyncTraces.waitOn() running at AsyncTraces.java:"
                + SOURCE.marker("wait-on") + "> wait_for=<Future pending>>", task.toString());

        f.setResult(4);
        assertEquals(5, loop.runUntilComplete(task));
        assertEquals("<Task finished name='w' coro=<coroutine AsyncTraces.waitOn> result=5>", task.toString());
    }
}
