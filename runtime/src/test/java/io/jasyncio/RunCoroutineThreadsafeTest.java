package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Asyncio.runCoroutineThreadsafe from a thread that is not the loop's (CPython's RunCoroutineThreadsafeTests). */
@Timeout(60)
class RunCoroutineThreadsafeTest {

    @Test
    void theResultAndTheExceptionReachTheCallersThread() throws Exception {
        EventLoop loop = EventLoop.newEventLoop();
        try (LoopOnAnotherThread running = new LoopOnAnotherThread(loop, 0)) {
            CompletableFuture<String> ok = Asyncio.runCoroutineThreadsafe(TestFrame.returning("done"), loop);
            assertEquals("done", ok.get(10, TimeUnit.SECONDS));

            IllegalArgumentException boom = new IllegalArgumentException("boom");
            CompletableFuture<Object> failing = Asyncio.runCoroutineThreadsafe(TestFrame.of("failing", (f, v, e) -> {
                throw boom;
            }), loop);
            ExecutionException thrown = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
            assertEquals(boom, thrown.getCause());
        }
    }

    @Test
    void cancellingTheFutureCancelsTheTask() throws Exception {
        EventLoop loop = EventLoop.newEventLoop();
        try (LoopOnAnotherThread running = new LoopOnAnotherThread(loop, 0)) {
            CompletableFuture<Task<?>> waiting = new CompletableFuture<>();
            CompletableFuture<Object> forever = Asyncio.runCoroutineThreadsafe(TestFrame.of("forever", (f, v, e) -> {
                if (e != null) {
                    throw e;
                }
                if (f.label++ == 0) {
                    waiting.complete(Asyncio.currentTask());
                    return Asyncio.getRunningLoop().createFuture();
                }
                return f.ret("woken");
            }), loop);
            Task<?> task = waiting.get(10, TimeUnit.SECONDS);

            assertTrue(forever.cancel(true));

            CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
            loop.callSoonThreadsafe(() -> task.addDoneCallback(done -> cancelled.complete(done.cancelled())));
            assertTrue(cancelled.get(10, TimeUnit.SECONDS), "the task ends cancelled");
            assertThrows(CancellationException.class, forever::join);
        }
    }

    @Test
    void aTaskCancelledOnTheLoopCancelsTheFuture() throws Exception {
        EventLoop loop = EventLoop.newEventLoop();
        try (LoopOnAnotherThread running = new LoopOnAnotherThread(loop, 0)) {
            CompletableFuture<Task<?>> started = new CompletableFuture<>();
            CompletableFuture<Object> future = Asyncio.runCoroutineThreadsafe(TestFrame.of("cancelled", (f, v, e) -> {
                if (e != null) {
                    throw e;
                }
                started.complete(Asyncio.currentTask());
                return Asyncio.getRunningLoop().createFuture();
            }), loop);
            Task<?> task = started.get(10, TimeUnit.SECONDS);
            loop.callSoonThreadsafe(() -> task.cancel());
            assertInstanceOf(CancellationException.class,
                    assertThrows(CancellationException.class, () -> future.get(10, TimeUnit.SECONDS)));
        }
    }

    @Test
    void aClosedLoopRefuses() {
        EventLoop loop = EventLoop.newEventLoop();
        loop.close();
        assertThrows(IllegalStateException.class, () -> Asyncio.runCoroutineThreadsafe(TestFrame.returning(1), loop));
    }
}
