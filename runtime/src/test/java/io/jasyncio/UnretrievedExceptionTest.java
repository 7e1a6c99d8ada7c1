package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A failed future or task whose exception nobody retrieved is reported through the exception
 * handler when it is garbage-collected. The tests collect garbage and wait on the loop for the
 * collector's report, which wakes it, never with sleeps.
 */
@Timeout(60)
class UnretrievedExceptionTest extends LoopTestBase {
    /**
     * How long to go on collecting before giving up: a safety net only. The JDK's reference
     * handler and the cleaner's thread report as soon as they get to run, which a loaded
     * machine may put off for a long while.
     */
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** The longest one round waits on the loop for the report before collecting again. */
    private static final double ROUND = 0.02;

    private final List<ExceptionContext> reported = new CopyOnWriteArrayList<>();

    /** The real clock: a virtual one would jump over each round's wait instead of waiting. */
    @Override
    EventLoop newLoop() {
        return EventLoop.newEventLoop();
    }

    /** Collects garbage between loop runs until something is reported, or gives up. */
    private void collectUntilReported() {
        loop.setExceptionHandler((l, c) -> {
            reported.add(c);
            if (l.isRunning()) {
                l.stop(); // reported: no need to wait out the round
            }
        });
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (reported.isEmpty() && System.nanoTime() - deadline < 0) {
            System.gc();
            // The cleaner's thread hands its report over with callSoonThreadsafe, which wakes
            // the loop, whose handler then stops it; the timer only bounds the wait, so that a
            // report still to come gets another collection.
            TimerHandle round = loop.callLater(ROUND, loop::stop);
            loop.runForever();
            round.cancel();
        }
    }

    private void failTaskAndForgetIt(IOException failure) {
        loop.createTask(TestFrame.of("doomed", (f, v, e) -> {
            throw failure;
        }));
        loop.stop();
        loop.runForever();
    }

    @Test
    void aTaskExceptionNobodyRetrievedIsReportedWhenTheTaskIsCollected() {
        IOException failure = new IOException("nobody looked");
        failTaskAndForgetIt(failure);
        collectUntilReported();
        assertEquals(1, reported.size(), "not reported within 30 seconds of collections");
        assertEquals("Task exception was never retrieved", reported.get(0).message());
        assertSame(failure, reported.get(0).exception());
        assertTrue(String.valueOf(reported.get(0).get("task")).startsWith("<Task finished name='Task-"));
    }

    @Test
    void aFutureExceptionNobodyRetrievedIsReported() {
        IOException failure = new IOException("future failure");
        loop.createFuture().setException(failure);
        collectUntilReported();
        assertEquals("Future exception was never retrieved", reported.get(0).message());
        assertSame(failure, reported.get(0).exception());
    }

    @Test
    void aRetrievedExceptionIsNeverReported() {
        Future<Object> seen = loop.createFuture();
        seen.setException(new IOException("seen"));
        seen.exception();
        seen = null;
        // A sentinel that is reported proves the collector ran for the retrieved one too.
        IOException sentinel = new IOException("sentinel");
        failTaskAndForgetIt(sentinel);
        collectUntilReported();
        assertEquals(1, reported.size());
        assertSame(sentinel, reported.get(0).exception());
    }

    @Test
    void anExceptionNobodyRetrievedIsReportedOnceWhenTheLoopClosesIfNotCollectedBefore() {
        loop.setExceptionHandler((l, c) -> reported.add(c));
        IOException failure = new IOException("still referenced");
        Future<Object> failed = loop.createFuture();
        failed.setException(failure);
        Future<Object> seen = loop.createFuture();
        seen.setException(new IOException("seen"));
        seen.exception();

        loop.close();
        assertEquals(1, reported.size());
        assertEquals("Future exception was never retrieved", reported.get(0).message());
        assertSame(failure, reported.get(0).exception());

        loop.close();
        assertSame(failure, failed.exception(), "retrieving it afterwards still works");
        assertEquals(1, reported.size(), "reported once");
    }

    @Test
    void asyncioRunReportsAFailedTaskNobodyAwaitedBeforeItReturns() {
        IOException failure = new IOException("fire and forget");
        List<Task<?>> kept = new CopyOnWriteArrayList<>();
        Asyncio.run(TestFrame.of("main", (f, v, e) -> {
            if (f.label == 0) {
                Asyncio.getRunningLoop().setExceptionHandler((l, c) -> reported.add(c));
                kept.add(Asyncio.createTask(TestFrame.of("doomed", (d, value, error) -> {
                    throw failure;
                })));
                return f.await(1, Asyncio.sleep(0));
            }
            return f.ret(null);
        }));
        assertEquals(1, reported.size(), reported.toString());
        assertEquals("Task exception was never retrieved", reported.get(0).message());
        assertSame(failure, reported.get(0).exception());
        assertEquals(1, kept.size());
    }
}
