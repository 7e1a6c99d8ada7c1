package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The module-level functions: run, sleep, createTask, ensureFuture, wrapFuture, await. */
class AsyncioTest extends LoopTestBase {
    private final List<String> log = new ArrayList<>();

    @Test
    void runReturnsTheValueAndClosesItsLoop() {
        AtomicReference<EventLoop> used = new AtomicReference<>();
        String value = Asyncio.run(TestFrame.of("main", (f, v, e) -> {
            used.set(Asyncio.getRunningLoop());
            return f.ret("main done");
        }));
        assertEquals("main done", value);
        assertTrue(used.get().isClosed());
    }

    @Test
    void runThrowsTheOriginalException() {
        IOException failure = new IOException("main failed");
        assertSame(failure, assertThrows(IOException.class, () -> Asyncio.run(TestFrame.of("main", (f, v, e) -> {
            throw failure;
        }))));
    }

    @Test
    void runCancelsAndAwaitsTheTasksLeftOver() {
        AtomicReference<Task<Object>> hanging = new AtomicReference<>();
        Asyncio.run(TestFrame.of("main", (f, v, e) -> {
            Future<Object> never = Asyncio.getRunningLoop().createFuture();
            hanging.set(Asyncio.createTask(TestFrame.of("hanging", (h, value, error) -> {
                if (h.label == 0) {
                    return h.await(1, never);
                }
                log.add("hanging task got " + error.getClass().getSimpleName());
                throw error;
            })));
            return f.ret(null);
        }));
        assertTrue(hanging.get().cancelled());
        assertEquals(List.of("hanging task got CancelledError"), log);
    }

    @Test
    void runReportsALeftOverTaskThatFailsWhileBeingCancelled() {
        List<ExceptionContext> reported = new ArrayList<>();
        IllegalStateException cleanupBug = new IllegalStateException("cleanup bug");
        Asyncio.run(TestFrame.of("main", (f, v, e) -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, c) -> reported.add(c));
            Future<Object> never = Asyncio.getRunningLoop().createFuture();
            Asyncio.createTask(TestFrame.of("bad", (h, value, error) -> {
                if (h.label == 0) {
                    return h.await(1, never);
                }
                throw cleanupBug;
            }));
            return f.ret(null);
        }));
        assertEquals("unhandled exception during Asyncio.run() shutdown", reported.get(0).message());
        assertSame(cleanupBug, reported.get(0).exception());
    }

    @Test
    void runCannotBeCalledFromARunningLoop() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        loop.callSoon(() -> error.set(assertThrows(IllegalStateException.class,
                () -> Asyncio.run(TestFrame.returning(1)))));
        loop.stop();
        loop.runForever();
        assertEquals("Asyncio.run() cannot be called from a running event loop", error.get().getMessage());
    }

    @Test
    void sleepWaitsOnTheLoopClockAndReturnsItsValue() {
        Task<String> task = loop.createTask(TestFrame.awaiting(Asyncio.sleep(2.5, "rested")));
        assertEquals("rested", loop.runUntilComplete(task));
        assertEquals(2.5, loop.time());
        loop.runUntilComplete(loop.createTask(TestFrame.awaiting(Asyncio.sleep(Duration.ofMillis(500)))));
        assertEquals(3.0, loop.time());
    }

    @Test
    void sleepZeroLetsTheCallbacksQueuedBeforeItRun() {
        Task<Object> task = loop.createTask(TestFrame.of("t", (f, v, e) -> {
            if (f.label == 0) {
                loop.callSoon(() -> log.add("queued before the sleep"));
                return f.await(1, Asyncio.sleep(0));
            }
            log.add("after the sleep");
            return f.ret(null);
        }));
        loop.runUntilComplete(task);
        assertEquals(List.of("queued before the sleep", "after the sleep"), log);
    }

    @Test
    void cancellingASleepCancelsItsTimer() {
        Task<Void> sleeper = loop.createTask(TestFrame.awaiting(Asyncio.sleep(10)));
        loop.callLater(1, () -> {
            log.add("timers while sleeping: " + loop.timers().size());
            sleeper.cancel();
        });
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(sleeper));
        assertEquals(List.of("timers while sleeping: 1"), log);
        assertEquals(0, loop.timers().size());
        assertEquals(1.0, loop.time());
    }

    @Test
    void sleepRejectsNaN() {
        assertThrows(IllegalArgumentException.class, () -> Asyncio.sleep(Double.NaN));
    }

    @Test
    void resultIsACoroutineOfItsValue() {
        assertEquals("v", loop.runUntilComplete(Asyncio.result("v")));
        assertEquals(null, loop.runUntilComplete(Asyncio.result()));
    }

    @Test
    void createTaskNeedsARunningLoop() {
        assertEquals("no running event loop",
                assertThrows(IllegalStateException.class, () -> Asyncio.createTask(TestFrame.returning(1))).getMessage());
    }

    @Test
    void createTaskUsesTheRunningLoopAndTheGivenName() {
        AtomicReference<Task<Integer>> created = new AtomicReference<>();
        loop.callSoon(() -> created.set(Asyncio.createTask(TestFrame.returning(5), "five")));
        runUntilIdle();
        assertSame(loop, created.get().getLoop());
        assertEquals("five", created.get().getName());
        assertEquals(5, created.get().result());
    }

    @Test
    void ensureFutureKeepsAFutureAndWrapsACoroutine() {
        Future<String> future = loop.createFuture();
        assertSame(future, Asyncio.ensureFuture(future));
        AtomicReference<Future<Integer>> wrapped = new AtomicReference<>();
        loop.callSoon(() -> wrapped.set(Asyncio.ensureFuture(TestFrame.returning(9))));
        runUntilIdle();
        assertTrue(wrapped.get() instanceof Task);
        assertEquals(9, wrapped.get().result());
    }

    @Test
    void aForeignCoroutineImplementationIsRejected() {
        Coroutine<String> foreign = new Coroutine<>() { };
        assertThrows(IllegalArgumentException.class, () -> loop.createTask(foreign));
    }

    @Test
    @Timeout(30)
    void wrapFutureResumesOnTheLoopThreadWhicheverThreadCompletesTheStage() {
        EventLoop real = EventLoop.newEventLoop();
        try {
            CompletableFuture<String> stage = new CompletableFuture<>();
            Thread completer = new Thread(() -> stage.complete("from another thread"));
            AtomicReference<Thread> callbackThread = new AtomicReference<>();
            Task<String> task = real.createTask(TestFrame.of("t", (f, value, error) -> {
                if (f.label == 0) {
                    Future<String> wrapped = Asyncio.wrapFuture(stage);
                    wrapped.addDoneCallback(done -> callbackThread.set(Thread.currentThread()));
                    completer.start();
                    return f.await(1, wrapped);
                }
                return f.ret(value);
            }));
            assertEquals("from another thread", real.runUntilComplete(task));
            EventLoopTest.join(completer);
            assertSame(Thread.currentThread(), callbackThread.get());
        } finally {
            real.close();
        }
    }

    @Test
    void wrapFutureUnwrapsTheStagesExceptionAndCancelsTheStageWhenCancelled() {
        IOException failure = new IOException("x");
        CompletableFuture<String> failed = CompletableFuture.failedFuture(failure);
        CompletableFuture<String> pending = new CompletableFuture<>();
        List<Future<String>> wrapped = new ArrayList<>();
        loop.callSoon(() -> {
            wrapped.add(Asyncio.wrapFuture(failed.thenApply(s -> s)));
            wrapped.add(Asyncio.wrapFuture(pending));
            wrapped.get(1).cancel();
        });
        runUntilIdle();
        assertSame(failure, wrapped.get(0).exception());
        assertTrue(pending.isCancelled());
    }

    @Test
    void anAwaitReachedWithoutTheBytecodePassSaysWhereAndWhatToDo() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Asyncio.await(loop.createFuture()));
        assertTrue(e.getMessage().contains(
                "io.jasyncio.AsyncioTest.lambda$anAwaitReachedWithoutTheBytecodePassSaysWhereAndWhatToDo"), e.getMessage());
        assertTrue(e.getMessage().contains("jasyncio-processor"), e.getMessage());
        assertTrue(e.getMessage().contains("-proc:full"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Asyncio.await(new CompletableFuture<String>()));
        assertFalse(loop.isRunning());
    }
}
