package io.jasyncio;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Flight Recorder's task lifecycle events, {@code jasyncio.TaskCreated},
 * {@code jasyncio.TaskSuspended} and {@code jasyncio.TaskDone}: one per task created, per
 * suspension and per end, so a recording can follow every task of a program. They are many,
 * so they are off in every stock setting; a recording turns them on by name: a settings file
 * with {@code <event name="jasyncio.TaskSuspended"><setting name="enabled">true</setting></event>}
 * ({@code -XX:StartFlightRecording:settings=tasks.jfc}), or
 * {@code Recording.enable("jasyncio.TaskSuspended")}. A task is told apart from others of
 * the same name by {@code taskId}, the same number in all three.
 *
 * <p>Only {@link Jfr} touches this class, so a runtime without the {@code jdk.jfr} module
 * never loads it.
 */
final class TaskEvents {
    private static final EventType CREATED = EventType.getEventType(Created.class);
    private static final EventType SUSPENDED = EventType.getEventType(Suspended.class);
    private static final EventType DONE = EventType.getEventType(Done.class);

    private TaskEvents() {}

    static boolean anyEnabled() {
        return CREATED.isEnabled() || SUSPENDED.isEnabled() || DONE.isEnabled();
    }

    static void created(Task<?> task) {
        Created event = new Created();
        if (event.shouldCommit()) {
            event.taskId = task.id();
            event.task = task.getName();
            event.coroutine = String.valueOf(task.getCoro());
            event.createdAt = StackWalker.getInstance().walk(frames -> frames
                    .filter(frame -> !CreationSites.isMachinery(frame.getClassName()))
                    .findFirst()
                    .map(frame -> frame.toStackTraceElement().toString())
                    .orElse(null));
            event.commit();
        }
    }

    static void suspended(Task<?> task, Object awaited) {
        Suspended event = new Suspended();
        if (event.shouldCommit()) {
            event.taskId = task.id();
            event.task = task.getName();
            StackTraceElement at = task.innermostLocation();
            event.at = at == null ? null : at.toString();
            event.waitingFor = String.valueOf(awaited);
            event.commit();
        }
    }

    static void done(Task<?> task) {
        Done event = new Done();
        if (event.shouldCommit()) {
            event.taskId = task.id();
            event.task = task.getName();
            event.outcome = task.cancelled() ? "cancelled"
                    : task.exception() != null ? "exception " + task.exception() : "result";
            event.commit();
        }
    }

    @Name("jasyncio.TaskCreated")
    @Label("Task Created")
    @Category("jasyncio")
    @Description("A task was created; the stack trace is where")
    @Enabled(false)
    static final class Created extends jdk.jfr.Event {
        @Label("Task Id")
        long taskId;

        @Label("Task")
        String task;

        @Label("Coroutine")
        String coroutine;

        @Label("Created At")
        @Description("The innermost frame of the stack outside jasyncio and the JDK: the line that created the task")
        String createdAt;
    }

    @Name("jasyncio.TaskSuspended")
    @Label("Task Suspended")
    @Category("jasyncio")
    @Description("A task's step ended with the task waiting: where its innermost coroutine waits, and for what")
    @Enabled(false)
    @StackTrace(false)
    static final class Suspended extends jdk.jfr.Event {
        @Label("Task Id")
        long taskId;

        @Label("Task")
        String task;

        @Label("At")
        @Description("The await the task's innermost coroutine waits at")
        String at;

        @Label("Waiting For")
        String waitingFor;
    }

    @Name("jasyncio.TaskDone")
    @Label("Task Done")
    @Category("jasyncio")
    @Description("A task ended: with a result, an exception or cancelled")
    @Enabled(false)
    @StackTrace(false)
    static final class Done extends jdk.jfr.Event {
        @Label("Task Id")
        long taskId;

        @Label("Task")
        String task;

        @Label("Outcome")
        String outcome;
    }
}
