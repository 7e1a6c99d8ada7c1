package io.jasyncio.it.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionContext;
import io.jasyncio.Future;
import io.jasyncio.it.SourceLines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In debug mode a coroutine created and never awaited nor given to a task is reported, with
 * where it was created, at the latest when its loop closes; one that ran is not.
 */
class NeverAwaitedTest {
    private static final SourceLines SOURCE = new SourceLines(AsyncTraces.class);

    @Test
    void aDroppedCoroutineIsReportedOnceWithItsCreationSite() {
        List<ExceptionContext> reported = new ArrayList<>();
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            loop.setDebug(true);
            loop.setExceptionHandler((l, context) -> reported.add(context));
            Future<Integer> ready = loop.createFuture();
            ready.setResult(1);

            loop.runUntilComplete(AsyncTraces.dropOne(ready));
            assertEquals(2, loop.runUntilComplete(AsyncTraces.waitOn(ready)), "an awaited coroutine runs");
        }

        assertEquals(1, reported.size(), reported.toString());
        ExceptionContext context = reported.get(0);
        assertEquals("coroutine AsyncTraces.waitOn was never awaited", context.message());
        assertEquals(AsyncTraces.class.getName() + ".dropOne(AsyncTraces.java:" + SOURCE.marker("dropped") + ")",
                String.valueOf(context.get("created_at")));
    }

    @Test
    void outOfDebugModeNothingIsReported() {
        List<ExceptionContext> reported = new ArrayList<>();
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            loop.setExceptionHandler((l, context) -> reported.add(context));
            Future<Integer> ready = loop.createFuture();
            ready.setResult(1);
            loop.runUntilComplete(AsyncTraces.dropOne(ready));
        }
        assertEquals(List.of(), reported);
    }
}
