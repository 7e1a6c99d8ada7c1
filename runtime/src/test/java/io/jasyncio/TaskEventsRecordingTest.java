package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** The task lifecycle events, read back from recordings that enable them and from the stock settings, which do not. */
class TaskEventsRecordingTest {

    /** Runs a task that waits once for a future and then returns; gives the recording's jasyncio events. */
    private static List<RecordedEvent> recordOneTask(Recording recording, String taskName) throws Exception {
        Path file = Files.createTempFile("task-events", ".jfr");
        try (EventLoop loop = EventLoop.newEventLoop()) {
            recording.start();
            loop.setSlowCallbackDuration(0);
            Future<String> answer = loop.createFuture();
            Task<String> task = createWaitingTask(loop, answer, taskName);
            loop.runUntilComplete(Asyncio.sleep(0));
            answer.setResult("forty-two");
            assertEquals("forty-two", loop.runUntilComplete(task));
            recording.stop();
            recording.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(event -> event.getEventType().getName().startsWith("jasyncio."))
                    .toList();
        } finally {
            recording.close();
            Files.deleteIfExists(file);
        }
    }

    private static Task<String> createWaitingTask(EventLoop loop, Future<String> answer, String taskName) {
        return loop.createTask(TestFrame.awaiting(answer), taskName);
    }

    private static RecordedEvent only(List<RecordedEvent> events, String type, String taskName) {
        List<RecordedEvent> matching = events.stream()
                .filter(event -> event.getEventType().getName().equals(type))
                .filter(event -> taskName.equals(event.getString("task")))
                .toList();
        assertEquals(1, matching.size(), type + " for " + taskName + " in " + events);
        return matching.get(0);
    }

    @Test
    void aRecordingThatEnablesThemFollowsATaskFromCreationThroughItsSuspensionToItsEnd() throws Exception {
        Recording recording = new Recording();
        recording.enable("jasyncio.TaskCreated");
        recording.enable("jasyncio.TaskSuspended");
        recording.enable("jasyncio.TaskDone");
        List<RecordedEvent> events = recordOneTask(recording, "answerer");

        RecordedEvent created = only(events, "jasyncio.TaskCreated", "answerer");
        RecordedEvent suspended = only(events, "jasyncio.TaskSuspended", "answerer");
        RecordedEvent done = only(events, "jasyncio.TaskDone", "answerer");
        long id = created.getLong("taskId");
        assertEquals(id, suspended.getLong("taskId"));
        assertEquals(id, done.getLong("taskId"));

        assertEquals("<coroutine awaiting>", created.getString("coroutine"));
        List<String> creators = created.getStackTrace().getFrames().stream()
                .map(RecordedFrame::getMethod)
                .map(method -> method.getType().getName() + "." + method.getName())
                .toList();
        assertTrue(creators.contains(TaskEventsRecordingTest.class.getName() + ".createWaitingTask"), creators.toString());
        // This test lives in the runtime's package, so its own frames count as the runtime's:
        // the first frame kept is the test engine's that called it.
        String createdAt = created.getString("createdAt");
        assertTrue(createdAt != null && !createdAt.startsWith("io.jasyncio.") && !createdAt.startsWith("java."),
                createdAt);

        assertTrue(suspended.getString("waitingFor").startsWith("<Future pending"), suspended.getString("waitingFor"));
        assertEquals("result", done.getString("outcome"));
        assertTrue(created.getStartTime().compareTo(suspended.getStartTime()) <= 0);
        assertTrue(suspended.getStartTime().compareTo(done.getStartTime()) <= 0);
    }

    @Test
    void theStockSettingsRecordSlowCallbacksButNotTheTaskEvents() throws Exception {
        for (String settings : List.of("default", "profile")) {
            String taskName = "stock-" + settings;
            List<RecordedEvent> events = recordOneTask(new Recording(Configuration.getConfiguration(settings)), taskName);
            assertTrue(events.stream().anyMatch(event -> event.getEventType().getName().equals("jasyncio.SlowCallback")
                            && event.getString("callback").contains(taskName)),
                    settings + ": " + events);
            assertFalse(events.stream().anyMatch(event -> event.getEventType().getName().startsWith("jasyncio.Task")),
                    settings + ": " + events);
        }
    }
}
