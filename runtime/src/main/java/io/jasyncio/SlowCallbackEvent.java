package io.jasyncio;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Flight Recorder's {@code jasyncio.SlowCallback}: a callback or task step that ran longer than
 * its loop's {@linkplain EventLoop#setSlowCallbackDuration slow-callback duration}, with what
 * ran and, for a task, its coroutine and the lines its innermost coroutine resumed and
 * stopped at (the slow code ran between them). Enabled
 * by default in every recording (it is rare); reading it:
 * {@code jfr print --events jasyncio.SlowCallback recording.jfr}.
 *
 * <p>Only {@link Jfr} touches this class, so a runtime without the {@code jdk.jfr} module
 * never loads it.
 */
@Name("jasyncio.SlowCallback")
@Label("Slow Callback")
@Category("jasyncio")
@Description("A callback or task step of an event loop that ran longer than the loop's slow-callback duration")
@StackTrace(false)
final class SlowCallbackEvent extends jdk.jfr.Event {
    static final EventType TYPE = EventType.getEventType(SlowCallbackEvent.class);

    @Label("Took")
    @Timespan(Timespan.NANOSECONDS)
    long took;

    @Label("Callback")
    @Description("What ran: the handle, or the task whose step it was")
    String callback;

    @Label("Coroutine")
    @Description("For a task step, the task's coroutine")
    String coroutine;

    @Label("Resumed At")
    @Description("For a task step, where its innermost coroutine resumed: the await it had waited at, or its first line")
    String resumedAt;

    @Label("Stopped At")
    @Description("For a task step, where its innermost coroutine stopped: the await it suspended at")
    String stoppedAt;
}
