package io.jasyncio.it.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.it.SourceLines;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * A slow task step names the coroutine and the lines it resumed and stopped at: read back from
 * Flight Recorder, and in debug mode's warning, with the line that created the task.
 */
class SlowCallbackLineTest {
    private static final SourceLines SOURCE = new SourceLines(AsyncTraces.class);

    @Test
    void theRecordedSlowStepNamesTheAwaitItsCoroutineStoppedAt() throws Exception {
        Path file = Files.createTempFile("slow-step", ".jfr");
        try (Recording recording = new Recording(); EventLoop loop = EventLoop.newEventLoop()) {
            recording.enable("jasyncio.SlowCallback");
            recording.start();
            loop.setSlowCallbackDuration(0);
            Future<Integer> f = loop.createFuture();
            Task<Integer> task = loop.createTask(AsyncTraces.waitOn(f), "waiter");
            loop.runUntilComplete(Asyncio.sleep(0));
            f.setResult(1);
            loop.runUntilComplete(task);
            recording.stop();
            recording.dump(file);

            RecordedEvent first = RecordingFile.readAllEvents(file).stream()
                    .filter(event -> event.getEventType().getName().equals("jasyncio.SlowCallback"))
                    .filter(event -> event.getString("callback").contains("waiter"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("<coroutine AsyncTraces.waitOn>", first.getString("coroutine"));
            assertEquals(AsyncTraces.class.getName() + ".waitOn(AsyncTraces.java:" + SOURCE.marker("wait-on-first")
                    + ")", first.getString("resumedAt"), "its first step starts at its first line");
            assertEquals(AsyncTraces.class.getName() + ".waitOn(AsyncTraces.java:" + SOURCE.marker("wait-on") + ")",
                    first.getString("stoppedAt"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void debugModesWarningNamesTheTaskTheLinesTheStepRanBetweenAndWhereTheTaskWasCreated() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.jasyncio");
        java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        boolean parentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
        try (EventLoop loop = EventLoop.newEventLoop()) {
            loop.setDebug(true);
            loop.setSlowCallbackDuration(0);
            Future<Integer> f = loop.createFuture();
            Task<Integer> task = loop.createTask(AsyncTraces.waitOn(f), "waiter"); // @slow-created
            loop.runUntilComplete(Asyncio.sleep(0));
            f.setResult(1);
            loop.runUntilComplete(task);
        } finally {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(parentHandlers);
        }
        String first = warnings.stream().filter(w -> w.contains("name='waiter'")).findFirst()
                .orElseThrow(() -> new AssertionError(warnings.toString()));
        String at = AsyncTraces.class.getName() + ".waitOn(AsyncTraces.java:";
        assertEquals(true, first.matches("Executing <Handle step of <Task pending name='waiter' coro=<AsyncTraces\\.waitOn\\(\\)"
                + " running at AsyncTraces\\.java:\\d+> wait_for=<Future pending>>> took \\d+\\.\\d{3} seconds.*"), first);
        assertEquals(true, first.contains(" (resumed at " + at + SOURCE.marker("wait-on-first") + "))"), first);
        assertEquals(true, first.contains(" (stopped at " + at + SOURCE.marker("wait-on") + "))"), first);
        assertEquals(true, first.endsWith(" (created at " + SlowCallbackLineTest.class.getName()
                + ".debugModesWarningNamesTheTaskTheLinesTheStepRanBetweenAndWhereTheTaskWasCreated(SlowCallbackLineTest.java:"
                + new SourceLines(SlowCallbackLineTest.class).marker("slow-created") + "))"), first);
    }
}
