package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** EventLoop.allTasks() from a thread other than the loop's: a consistent snapshot, without waiting for the loop. */
@Timeout(60)
class AllTasksFromAnyThreadTest {

    @Test
    void anotherThreadSeesTheTasksOfARunningLoop() throws Exception {
        EventLoop loop = EventLoop.newEventLoop();
        Future<Object> never = loop.createFuture();
        List<Task<Object>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(loop.createTask(TestFrame.of("waiter", (f, v, e) -> f.label == 0 ? f.await(1, never) : f.ret(v))));
        }
        CountDownLatch started = new CountDownLatch(1);
        Thread runner = new Thread(() -> {
            loop.callSoon(started::countDown);
            loop.runUntilComplete(never);
        }, "loop");
        runner.start();
        try {
            assertTrue(started.await(30, TimeUnit.SECONDS));
            assertEquals(Set.copyOf(waiting), loop.allTasks());
        } finally {
            loop.callSoonThreadsafe(() -> never.setResult("done"));
            runner.join(30_000);
            loop.close();
        }
    }

    /**
     * The loop keeps exactly 4 tasks alive between steps: each ending task first starts its
     * successor. A snapshot taken at one moment therefore holds 4 or 5 tasks, and none that
     * ended before another in it started twice over; a torn walk would show other counts.
     */
    @Test
    void snapshotsTakenWhileTasksStartAndEndAreEachWhole() throws Exception {
        EventLoop loop = EventLoop.newEventLoop();
        AtomicBoolean stop = new AtomicBoolean();
        Future<Object> finished = loop.createFuture();
        int[] started = {0};
        class Relay {
            Coroutine<Object> next() {
                started[0]++;
                return TestFrame.of("relay", (f, v, e) -> {
                    if (f.label == 0) {
                        return f.await(1, Asyncio.sleep(0));
                    }
                    if (stop.get()) {
                        if (loop.allTasks().size() == 1 && !finished.done()) {
                            finished.setResult(null);
                        }
                    } else {
                        loop.createTask(next());
                    }
                    return f.ret(null);
                });
            }
        }
        Relay relay = new Relay();
        for (int i = 0; i < 4; i++) {
            loop.createTask(relay.next());
        }
        AtomicReference<Throwable> loopFailure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                loop.runUntilComplete(finished);
            } catch (Throwable t) {
                loopFailure.set(t);
            }
        }, "loop");
        runner.start();
        List<Integer> sizes = new ArrayList<>();
        try {
            for (int i = 0; i < 2_000; i++) {
                sizes.add(loop.allTasks().size());
            }
        } finally {
            stop.set(true);
            runner.join(30_000);
            loop.close();
        }
        assertNull(loopFailure.get());
        assertTrue(started[0] > 4, "the relay ran");
        for (int size : sizes) {
            assertTrue(size == 4 || size == 5, "a snapshot of " + size + " tasks: " + sizes);
        }
    }
}
