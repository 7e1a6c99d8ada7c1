package io.jasyncio.it.helpers;

import static io.jasyncio.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Future;
import io.jasyncio.Task;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** CPython 3.11 test_threads: test_to_thread*. */
class ToThreadTest extends HelperLoopTest {

    @Test
    void runsOnAnotherThreadAndResumesOnTheLoop() { // test_to_thread
        String loopThread = Thread.currentThread().getName();
        String worker = loop.runUntilComplete(co.inThread(() -> Thread.currentThread().getName()));
        assertNotEquals(loopThread, worker);
        assertTrue(worker.startsWith("jasyncio-executor-"), worker);
        assertEquals(List.of("back on " + loopThread), log);
    }

    @Test
    void callsOnce() { // test_to_thread_once
        AtomicInteger calls = new AtomicInteger();
        loop.runUntilComplete(co.inThread(() -> "n" + calls.incrementAndGet()));
        assertEquals(1, calls.get());
    }

    @Test
    void concurrentCalls() { // test_to_thread_concurrent
        AtomicInteger calls = new AtomicInteger();
        Task<String> a = loop.createTask(co.inThread(() -> "a" + calls.incrementAndGet()));
        Task<String> b = loop.createTask(co.inThread(() -> "b" + calls.incrementAndGet()));
        loop.runUntilComplete(a);
        loop.runUntilComplete(b);
        assertEquals(2, calls.get());
    }

    @Test
    void exceptionComesBackAsItIs() {
        Exception checked = new java.io.IOException("disk");
        Exception thrown = assertThrows(java.io.IOException.class, () -> loop.runUntilComplete(co.inThread(() -> {
            throw checked;
        })));
        assertSame(checked, thrown);
    }

    @Test
    void needsARunningLoop() {
        assertThrows(IllegalStateException.class, () -> toThread(() -> 1));
        Future<Integer> f = inLoop(() -> toThread(() -> 1));
        assertEquals(1, loop.runUntilComplete(f));
    }
}
