package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loop running on a thread of its own with tasks waiting on a future, for the tests that look
 * at a running loop from outside. {@link #close()} lets the loop finish, joins its thread
 * (bounded) and closes it.
 */
final class LoopOnAnotherThread implements AutoCloseable {
    final EventLoop loop;
    final List<Task<Object>> waiting = new ArrayList<>();
    private final Future<Object> release;
    private final Thread runner;

    /** Starts {@code loop} (already set up as the test wants) with {@code tasks} named w0, w1, ... waiting. */
    LoopOnAnotherThread(EventLoop loop, int tasks) throws InterruptedException {
        this.loop = loop;
        this.release = loop.createFuture();
        for (int i = 0; i < tasks; i++) {
            waiting.add(loop.createTask(
                    TestFrame.of("waiter", (f, v, e) -> f.label == 0 ? f.await(1, release) : f.ret(v)), "w" + i));
        }
        CountDownLatch started = new CountDownLatch(1);
        runner = new Thread(() -> {
            loop.callSoon(started::countDown);
            loop.runUntilComplete(release);
        }, "loop");
        runner.start();
        assertTrue(started.await(30, TimeUnit.SECONDS), "the loop did not start within 30 s");
    }

    @Override
    public void close() throws InterruptedException {
        loop.callSoonThreadsafe(() -> release.setResult("done"));
        runner.join(30_000);
        loop.close();
    }
}
