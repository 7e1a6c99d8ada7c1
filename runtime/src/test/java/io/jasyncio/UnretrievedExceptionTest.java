package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A failed future or task whose exception nobody retrieved is reported through the exception
 * handler when it is garbage-collected. The tests poll the collector with a bounded number
 * of virtual-time loop turns, never with sleeps.
 */
@Timeout(60)
class UnretrievedExceptionTest extends LoopTestBase {
    private final List<ExceptionContext> reported = new CopyOnWriteArrayList<>();

    /** Collects garbage between loop iterations until something is reported, or gives up. */
    private void collectUntilReported() {
        loop.setExceptionHandler((l, c) -> reported.add(c));
        for (int i = 0; i < 200 && reported.isEmpty(); i++) {
            System.gc();
            // Each turn lets a report the cleaner thread submitted with callSoonThreadsafe run.
            loop.callLater(0, loop::stop);
            loop.runForever();
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
        assertEquals(1, reported.size(), "not reported after 200 collections");
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
