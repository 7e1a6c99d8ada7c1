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

/** A slow task step names the coroutine and the line it stopped at, read back from Flight Recorder. */
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
}
