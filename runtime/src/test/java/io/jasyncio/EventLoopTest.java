package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** One iteration, running, stopping and closing: asyncio's base_events rules. */
class EventLoopTest extends LoopTestBase {
    private final List<String> log = new ArrayList<>();

    private Runnable logs(String name) {
        return () -> log.add(name);
    }

    @Test
    void callSoonRunsCallbacksFirstInFirstOut() {
        for (int i = 0; i < 10; i++) {
            loop.callSoon(logs("cb" + i));
        }
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("cb0", "cb1", "cb2", "cb3", "cb4", "cb5", "cb6", "cb7", "cb8", "cb9"), log);
    }

    @Test
    void readyCallbacksRunBeforeDueTimersWhichRunInWhenOrder() {
        // asyncio: call_soon(a); call_later(0, b); call_soon(c); call_at(past, p) gives a, c, p, b.
        EventLoop real = EventLoop.newEventLoop();
        try {
            real.callSoon(logs("a"));
            real.callLater(0, logs("b"));
            real.callSoon(logs("c"));
            real.callAt(real.time() - 1, logs("p"));
            real.stop();
            real.runForever();
        } finally {
            real.close();
        }
        assertEquals(List.of("a", "c", "p", "b"), log);
    }

    @Test
    void negativeDelaysAreOrderedByWhenNotBySchedulingOrder() {
        loop.callLater(-1, logs("a"));
        loop.callLater(-2, logs("b"));
        runUntilIdle();
        assertEquals(List.of("b", "a"), log);
    }

    @Test
    void timersDueAtTheSameTimeRunInSchedulingOrder() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            loop.callAt(5.0, logs("t" + i));
            expected.add("t" + i);
        }
        runUntilIdle();
        assertEquals(expected, log);
    }

    @Test
    void callbacksScheduledDuringAnIterationRunInTheNextOne() {
        loop.callSoon(() -> {
            log.add("cb1");
            loop.stop();
            loop.callSoon(logs("cb3"));
        });
        loop.callSoon(logs("cb2"));
        loop.runForever();
        assertEquals(List.of("cb1", "cb2"), log);
        loop.stop();
        loop.runForever();
        assertEquals(List.of("cb1", "cb2", "cb3"), log);
    }

    @Test
    void aStopBeforeRunForeverRunsExactlyOneIteration() {
        loop.callSoon(() -> {
            log.add("first");
            loop.callSoon(logs("second"));
        });
        loop.stop();
        loop.runForever();
        assertEquals(List.of("first"), log);
        assertFalse(loop.isRunning());
    }

    @Test
    void isRunningIsTrueOnlyInsideRunForever() {
        loop.callSoon(() -> log.add("running=" + loop.isRunning()));
        loop.stop();
        loop.runForever();
        assertEquals(List.of("running=true"), log);
        assertFalse(loop.isRunning());
    }

    @Test
    void closingARunningLoopThrows() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        loop.callSoon(() -> error.set(assertThrows(IllegalStateException.class, loop::close)));
        loop.stop();
        loop.runForever();
        assertEquals("Cannot close a running event loop", error.get().getMessage());
        assertFalse(loop.isClosed());
    }

    @Test
    void closeDropsPendingCallbacksWithoutRunningThemAndIsIdempotent() {
        loop.callSoon(logs("never"));
        loop.callLater(1, logs("never either"));
        loop.close();
        loop.close();
        assertTrue(loop.isClosed());
        assertEquals(List.of(), log);
        assertEquals(0, loop.timers().size());
    }

    @Test
    void everyMethodOfAClosedLoopThrows() {
        loop.close();
        List<Executable> calls = List.of(
                () -> loop.callSoon(logs("x")),
                () -> loop.callSoonThreadsafe(logs("x")),
                () -> loop.callLater(1, logs("x")),
                () -> loop.callAt(1, logs("x")),
                () -> loop.createFuture(),
                () -> loop.createTask(TestFrame.returning(1)),
                loop::runForever,
                () -> loop.runUntilComplete(TestFrame.returning(1)),
                () -> loop.runInExecutor(null, () -> 1));
        for (Executable call : calls) {
            assertEquals("Event loop is closed", assertThrows(IllegalStateException.class, call).getMessage());
        }
    }

    @Test
    void runningARunningLoopAgainThrows() {
        List<String> messages = new ArrayList<>();
        loop.callSoon(() -> {
            messages.add(assertThrows(IllegalStateException.class, loop::runForever).getMessage());
            messages.add(assertThrows(IllegalStateException.class,
                    () -> loop.runUntilComplete(loop.createFuture())).getMessage());
        });
        loop.stop();
        loop.runForever();
        assertEquals(List.of("This event loop is already running", "This event loop is already running"), messages);
    }

    @Test
    void runningASecondLoopInsideTheFirstThrows() {
        AtomicReference<String> message = new AtomicReference<>();
        try (EventLoop other = EventLoop.newVirtualTimeLoop()) {
            loop.callSoon(() -> message.set(assertThrows(IllegalStateException.class, other::runForever).getMessage()));
            loop.stop();
            loop.runForever();
        }
        assertEquals("Cannot run the event loop while another loop is running", message.get());
    }

    @Test
    void runUntilCompleteReturnsTheResult() {
        Future<String> future = loop.createFuture();
        loop.callLater(3, () -> future.setResult("done"));
        assertEquals("done", loop.runUntilComplete(future));
        assertEquals(3.0, loop.time());
    }

    @Test
    void runUntilCompleteThrowsTheOriginalExceptionEvenWhenChecked() {
        Future<String> future = loop.createFuture();
        IOException failure = new IOException("disk on fire");
        loop.callSoon(() -> future.setException(failure));
        assertSame(failure, assertThrows(IOException.class, () -> loop.runUntilComplete(future)));
    }

    @Test
    void runUntilCompleteOfACancelledFutureThrowsCancelledError() {
        Future<String> future = loop.createFuture();
        loop.callSoon(() -> future.cancel("no longer needed"));
        assertEquals("no longer needed", assertThrows(CancelledError.class, () -> loop.runUntilComplete(future)).getMessage());
    }

    @Test
    void runUntilCompleteStoppedEarlyThrowsAndALaterRunFinishesTheFuture() {
        Future<String> future = loop.createFuture();
        loop.callSoon(loop::stop);
        loop.callLater(1, () -> future.setResult("late"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(future));
        assertEquals("Event loop stopped before Future completed.", e.getMessage());
        assertFalse(future.done());
        assertEquals("late", loop.runUntilComplete(future));
    }

    @Test
    void runUntilCompleteWrapsACoroutineInATask() {
        assertEquals(7, loop.runUntilComplete(TestFrame.returning(7)));
    }

    @Test
    void runUntilCompleteRejectsAFutureOfAnotherLoop() {
        try (EventLoop other = EventLoop.newVirtualTimeLoop()) {
            Future<Object> foreign = other.createFuture();
            assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(foreign));
        }
    }

    @Test
    void anExceptionEscapingACallbackGoesToTheHandlerAndTheIterationGoesOn() {
        RuntimeException boom = new RuntimeException("boom");
        Handle failing = loop.callSoon(() -> {
            throw boom;
        });
        loop.callSoon(logs("after"));
        loop.stop();
        loop.runForever();
        assertEquals(List.of("after"), log);
        assertEquals(1, errors.size());
        ExceptionContext context = errors.get(0);
        assertTrue(context.message().startsWith("Exception in callback "), context.message());
        assertSame(boom, context.exception());
        assertSame(failing, context.handle());
    }

    @Test
    void theExceptionHandlerIsNullUntilSetAndCanBeReset() {
        EventLoop fresh = EventLoop.newVirtualTimeLoop();
        try {
            assertNull(fresh.getExceptionHandler());
            ExceptionHandler handler = (l, c) -> { };
            fresh.setExceptionHandler(handler);
            assertSame(handler, fresh.getExceptionHandler());
            fresh.setExceptionHandler(null);
            assertNull(fresh.getExceptionHandler());
        } finally {
            fresh.close();
        }
    }

    @Test
    void aFailingHandlerIsReportedToTheDefaultHandlerAndTheLoopGoesOn() {
        try (LogCapture logged = LogCapture.of("io.jasyncio")) {
            RuntimeException handlerBug = new RuntimeException("handler bug");
            loop.setExceptionHandler((l, c) -> {
                throw handlerBug;
            });
            loop.callSoon(() -> {
                throw new IllegalStateException("callback bug");
            });
            loop.callSoon(logs("still running"));
            loop.stop();
            loop.runForever();
            assertEquals(List.of("still running"), log);
            assertEquals(1, logged.records().size());
            assertTrue(logged.records().get(0).getMessage().startsWith("Unhandled error in exception handler"));
            assertSame(handlerBug, logged.records().get(0).getThrown());
        }
    }

    @Test
    void theDefaultHandlerLogsTheMessageAndTheOtherKeysSorted() {
        try (LogCapture logged = LogCapture.of("io.jasyncio")) {
            IOException e = new IOException("x");
            loop.defaultExceptionHandler(ExceptionContext.of("something broke", e).with("zeta", 1).with("alpha", 2));
            assertEquals("something broke\nalpha: 2\nzeta: 1", logged.records().get(0).getMessage());
            assertSame(e, logged.records().get(0).getThrown());
        }
    }

    @Test
    void aCancelledHandleNeverRuns() {
        Handle handle = loop.callSoon(logs("cancelled"));
        loop.callSoon(logs("kept"));
        handle.cancel();
        handle.cancel();
        assertTrue(handle.cancelled());
        loop.stop();
        loop.runForever();
        assertEquals(List.of("kept"), log);
    }

    @Test
    void aCancelledTimerNeverRunsAndLeavesTheQueueAtOnce() {
        TimerHandle timer = loop.callLater(5, logs("cancelled"));
        loop.callLater(6, logs("kept"));
        assertEquals(5.0, timer.when());
        timer.cancel();
        assertEquals(1, loop.timers().size());
        runUntilIdle();
        assertEquals(List.of("kept"), log);
    }

    @Test
    void schedulingAndCancellingMillionsOfTimersKeepsNoneOfThem() {
        // Delays from 0 to 2 s: some in the timer queue's buckets, some beyond their reach.
        for (int i = 0; i < 1000; i++) {
            loop.callLater(i * 0.002, logs("never")).cancel();
        }
        int capacityAfterOneRound = loop.timers().capacity();
        for (int i = 0; i < 2_000_000; i++) {
            loop.callLater(i % 1000 * 0.002, logs("never")).cancel();
        }
        assertEquals(0, loop.timers().size());
        assertEquals(capacityAfterOneRound, loop.timers().capacity());
        List<TimerHandle> burst = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            burst.add(loop.callLater(i, logs("never")));
        }
        burst.forEach(TimerHandle::cancel);
        assertEquals(0, loop.timers().size());
        assertTrue(loop.timers().capacity() <= 2 * 100_000, "capacity " + loop.timers().capacity());
    }

    @Test
    void virtualTimeStartsAtZeroAndJumpsToTheNextTimer() {
        assertEquals(0.0, loop.time());
        loop.callLater(3600, () -> log.add("at " + loop.time()));
        loop.callLater(10, () -> log.add("at " + loop.time()));
        runUntilIdle();
        assertEquals(List.of("at 10.0", "at 3600.0"), log);
    }

    @Test
    void manyTimersNearAndFarFireInWhenOrderEachAtItsOwnTime() {
        // Delays up to 10 s, on a grid of 0.25 ms so that equal times are common: within the
        // timer queue's two-second ring and beyond it. Timers scheduled by timers join in.
        Random random = new Random(7);
        List<double[]> fired = new ArrayList<>();
        List<double[]> scheduled = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            double delay = random.nextInt(40_000) / 4000.0;
            int id = i;
            scheduled.add(new double[] {delay, id});
            loop.callLater(delay, () -> {
                fired.add(new double[] {loop.time(), id});
                if (id % 100 == 0) {
                    int child = 1_000_000 + id;
                    double when = loop.time() + 0.5;
                    scheduled.add(new double[] {when, child});
                    loop.callAt(when, () -> fired.add(new double[] {loop.time(), child}));
                }
            });
        }
        runUntilIdle();
        // Scheduling order breaks ties; the children are scheduled after every first-round timer.
        scheduled.sort(Comparator.<double[]>comparingDouble(t -> t[0])
                .thenComparingDouble(t -> t[1] >= 1_000_000 ? 1 : 0)
                .thenComparingDouble(t -> t[1]));
        assertEquals(scheduled.size(), fired.size());
        for (int i = 0; i < fired.size(); i++) {
            assertEquals(scheduled.get(i)[1], fired.get(i)[1], "timer " + i);
            // Within the clock's resolution: asyncio runs timers due within it of now.
            assertEquals(scheduled.get(i)[0], fired.get(i)[0], 1e-9, "timer " + i);
        }
    }

    @Test
    void realTimeIsMonotonic() {
        try (EventLoop real = EventLoop.newEventLoop()) {
            double previous = real.time();
            for (int i = 0; i < 1000; i++) {
                double now = real.time();
                assertTrue(now >= previous);
                previous = now;
            }
        }
    }

    @Test
    void theRunningLoopIsKnownOnlyInsideIt() {
        AtomicReference<EventLoop> seen = new AtomicReference<>();
        loop.callSoon(() -> seen.set(Asyncio.getRunningLoop()));
        loop.stop();
        loop.runForever();
        assertSame(loop, seen.get());
        assertEquals("no running event loop", assertThrows(IllegalStateException.class, Asyncio::getRunningLoop).getMessage());
    }

    @Test
    void callsFromAnotherThreadWhileTheLoopRunsAreRejected() throws Exception {
        AtomicReference<Throwable> error = new AtomicReference<>();
        loop.callSoon(() -> {
            Thread other = new Thread(() -> {
                try {
                    loop.callSoon(logs("from another thread"));
                } catch (Throwable t) {
                    error.set(t);
                }
            });
            other.start();
            join(other);
        });
        loop.stop();
        loop.runForever();
        assertTrue(error.get() instanceof IllegalStateException);
        assertTrue(error.get().getMessage().startsWith(
                "Non-thread-safe operation invoked on an event loop other than the current one"));
        assertEquals(List.of(), log);
    }

    @Test
    void debugModeWarnsAboutSlowCallbacks() {
        try (LogCapture logged = LogCapture.of("io.jasyncio")) {
            loop.setDebug(true);
            assertTrue(loop.getDebug());
            loop.setSlowCallbackDuration(0);
            assertEquals(0.0, loop.getSlowCallbackDuration());
            loop.callSoon(logs("slow"));
            loop.stop();
            loop.runForever();
            assertEquals(1, logged.records().size());
            // Where the callback was created follows when the stack has a frame outside the
            // runtime and the JDK (this test is in the runtime's package, so it has none here).
            assertTrue(logged.records().get(0).getMessage()
                            .matches("Executing <Handle .*> took \\d+\\.\\d{3} seconds( \\(created at .*\\))?"),
                    logged.records().get(0).getMessage());
        }
    }

    @Test
    void withoutDebugModeNothingIsTimed() {
        try (LogCapture logged = LogCapture.of("io.jasyncio")) {
            loop.setSlowCallbackDuration(0);
            loop.callSoon(logs("fast enough"));
            loop.stop();
            loop.runForever();
            assertEquals(List.of(), logged.records());
        }
    }

    @Test
    void nullCallbacksAndNaNTimesAreRejected() {
        assertThrows(NullPointerException.class, () -> loop.callSoon(null));
        assertThrows(NullPointerException.class, () -> loop.callSoonThreadsafe(null));
        assertThrows(IllegalArgumentException.class, () -> loop.callLater(Double.NaN, logs("x")));
        assertThrows(IllegalArgumentException.class, () -> loop.callAt(Double.NaN, logs("x")));
        assertThrows(IllegalArgumentException.class, () -> loop.setSlowCallbackDuration(-1));
    }

    static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
