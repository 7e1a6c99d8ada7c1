package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * {@code jasyncio.SlowCallback} read back from a Flight Recorder recording. The loop's
 * slow-callback duration is set to 0, so every callback counts as slow: no timing involved.
 */
class SlowCallbackRecordingTest {

    @Test
    void aSlowTaskStepIsRecordedWithWhatRanAndItsCoroutine() throws Exception {
        Path file = Files.createTempFile("slow-callback", ".jfr");
        try (Recording recording = new Recording(); EventLoop loop = EventLoop.newEventLoop()) {
            recording.enable("jasyncio.SlowCallback");
            recording.start();
            loop.setSlowCallbackDuration(0);
            Future<Object> never = loop.createFuture();
            Task<Object> task = loop.createTask(TestFrame.of("stuck", (f, v, e) -> f.await(1, never)), "slowpoke");
            loop.runUntilComplete(Asyncio.sleep(0));
            task.cancel();
            recording.stop();
            recording.dump(file);

            List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                    .filter(event -> event.getEventType().getName().equals("jasyncio.SlowCallback"))
                    .toList();
            RecordedEvent step = events.stream()
                    .filter(event -> event.getString("callback").contains("slowpoke"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no event for the task's step in " + events));
            assertEquals("<coroutine stuck>", step.getString("coroutine"));
            assertTrue(step.getLong("took") >= 0);
            assertEquals("jasyncio", step.getEventType().getCategoryNames().get(0));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void withoutARecordingNothingIsTimedUnlessDebugModeIsOn() {
        try (EventLoop loop = EventLoop.newEventLoop()) {
            assertEquals(false, loop.getDebug());
            // Flight Recorder may have been started by an earlier test in this JVM: then the event
            // type is disabled once its recording has stopped, and that is what the loop asks.
            assertEquals(false, Jfr.slowCallbackEnabled());
        }
    }
}
