package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** runInExecutor and shutdownDefaultExecutor (asyncio's run_in_executor rules). */
@Timeout(30)
class ExecutorTest extends LoopTestBase {
    private final ExecutorService single = Executors.newSingleThreadExecutor();

    @Override
    EventLoop newLoop() {
        return EventLoop.newEventLoop();
    }

    @AfterEach
    void stopExecutor() throws InterruptedException {
        single.shutdownNow();
        assertTrue(single.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void theCallablesExceptionArrivesAsTheSameObject() {
        IOException failure = new IOException("read failed");
        Future<Object> call = loop.runInExecutor(single, () -> {
            throw failure;
        });
        assertSame(failure, assertThrows(IOException.class, () -> loop.runUntilComplete(call)));
    }

    @Test
    void cancellingTheFutureBeforeTheCallStartsMeansItNeverRuns() throws Exception {
        CountDownLatch blocker = new CountDownLatch(1);
        single.execute(() -> awaitQuietly(blocker));
        AtomicBoolean ran = new AtomicBoolean();
        Future<String> call = loop.runInExecutor(single, () -> {
            ran.set(true);
            return "ran";
        });
        call.cancel();
        // Let the cancel callback reach the executor's task, then unblock the executor.
        loop.stop();
        loop.runForever();
        blocker.countDown();
        Future<Boolean> drained = loop.runInExecutor(single, () -> true);
        assertTrue(loop.runUntilComplete(drained));
        assertFalse(ran.get());
        assertTrue(call.cancelled());
    }

    @Test
    void theDefaultExecutorIsClosedForNewWorkAfterShutdown() {
        assertEquals(3, loop.runUntilComplete(loop.runInExecutor(null, () -> 3)));
        loop.runUntilComplete(loop.shutdownDefaultExecutor());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 4));
        assertEquals("Executor shutdown has been called", e.getMessage());
        assertEquals(5, loop.runUntilComplete(loop.runInExecutor(single, () -> 5)));
    }

    @Test
    void shuttingDownAnUnusedDefaultExecutorFinishesAtOnce() {
        assertEquals(null, loop.runUntilComplete(loop.shutdownDefaultExecutor()));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
