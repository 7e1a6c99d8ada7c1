package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** EventLoop.allTasks() from a thread other than the loop's: a consistent snapshot, without waiting for the loop. */
@Timeout(60)
class AllTasksFromAnyThreadTest {

    @Test
    void anotherThreadSeesTheTasksOfARunningLoop() throws Exception {
        try (LoopOnAnotherThread running = new LoopOnAnotherThread(EventLoop.newEventLoop(), 5)) {
            assertEquals(Set.copyOf(running.waiting), running.loop.allTasks());
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
        AtomicInteger started = new AtomicInteger();
        class Relay {
            Coroutine<Object> next() {
                started.incrementAndGet();
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
        int snapshots = 0;
        int torn = -1;
        try {
            // At least 2,000 snapshots, and on until the relay has gone through 1,000 tasks (the
            // loop thread may start late): bounded either way.
            for (; snapshots < 2_000 || started.get() < 1_000 && snapshots < 50_000_000; snapshots++) {
                int size = loop.allTasks().size();
                if (size != 4 && size != 5 && torn < 0) {
                    torn = size;
                }
            }
        } finally {
            stop.set(true);
            runner.join(30_000);
            loop.close();
        }
        assertNull(loopFailure.get());
        assertTrue(started.get() >= 1_000, "the relay ran " + started.get() + " tasks");
        assertEquals(-1, torn, "a snapshot of " + torn + " tasks, among " + snapshots);
    }
}
