package io.jasyncio.it.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionContext;
import io.jasyncio.Task;
import io.jasyncio.it.SourceLines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In debug mode, a warning about a task says where the task was created. */
class CreationSiteTest {
    private static final SourceLines SOURCE = new SourceLines(AsyncTraces.class);

    private static List<ExceptionContext> runSpawnFailing(boolean debug) {
        List<ExceptionContext> reported = new ArrayList<>();
        List<Task<?>> started = new ArrayList<>();
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            loop.setDebug(debug);
            loop.setExceptionHandler((l, context) -> reported.add(context));
            loop.runUntilComplete(AsyncTraces.spawnFailing(started));
            loop.runUntilComplete(Asyncio.sleep(0));
        }
        assertEquals(1, started.size());
        return reported;
    }

    @Test
    void anUnretrievedTaskExceptionNamesTheLineThatCreatedTheTask() {
        List<ExceptionContext> reported = runSpawnFailing(true);

        assertEquals(1, reported.size(), reported.toString());
        assertEquals("Task exception was never retrieved", reported.get(0).message());
        assertEquals(AsyncTraces.class.getName() + ".spawnFailing(AsyncTraces.java:" + SOURCE.marker("spawned") + ")",
                String.valueOf(reported.get(0).get("created_at")));
    }

    @Test
    void outOfDebugModeNoSiteIsKept() {
        List<ExceptionContext> reported = runSpawnFailing(false);

        assertEquals(1, reported.size(), reported.toString());
        assertNull(reported.get(0).get("created_at"));
    }
}
