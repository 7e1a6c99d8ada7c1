package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runner, as CPython 3.11's test_runners checks it. */
class RunnerTest {
    private static final ContextVar<String> VAR = new ContextVar<>("var");

    @Test
    void runsSeveralCoroutinesOnOneLoopInOneContextThenClosesIt() {
        Runner runner = new Runner();
        EventLoop loop = runner.getLoop();
        Object first = runner.run(TestFrame.of("first", (f, v, e) -> {
            VAR.set("set by the first run");
            return f.ret(1);
        }));
        assertEquals(Integer.valueOf(1), first);
        assertEquals("set by the first run", runner.run(TestFrame.of("second", (f, v, e) -> f.ret(VAR.get()))));
        assertSame(loop, runner.getLoop());
        assertFalse(loop.isClosed());
        runner.close();
        assertTrue(loop.isClosed());
        runner.close();
        assertEquals("Runner is closed",
                assertThrows(IllegalStateException.class, () -> runner.run(TestFrame.returning(1))).getMessage());
        assertThrows(IllegalStateException.class, runner::getLoop);
    }

    @Test
    void theLoopComesFromTheFactoryInTheDebugModeAsked() {
        List<EventLoop> made = new ArrayList<>();
        try (Runner runner = new Runner(true, () -> {
            EventLoop loop = EventLoop.newVirtualTimeLoop();
            made.add(loop);
            return loop;
        })) {
            assertEquals(List.of(runner.getLoop()), made);
            assertTrue(runner.getLoop().getDebug());
            Object woke = runner.run(TestFrame.of("sleeper", (f, v, e) -> {
                if (f.label++ == 0) {
                    return Asyncio.sleep(1);
                }
                return f.ret(Asyncio.getRunningLoop().time());
            }));
            assertEquals(Double.valueOf(1.0), woke);
        }
    }

    @Test
    void closingCancelsTheTasksLeftAndCannotRunFromARunningLoop() {
        Runner runner = new Runner(false, EventLoop::newVirtualTimeLoop);
        List<Task<?>> left = new ArrayList<>();
        runner.run(TestFrame.of("spawner", (f, v, e) -> {
            left.add(Asyncio.createTask(TestFrame.awaiting(Asyncio.getRunningLoop().createFuture())));
            assertThrows(IllegalStateException.class, () -> new Runner().run(TestFrame.returning(1)));
            return f.ret(null);
        }));
        assertFalse(left.get(0).done());
        runner.close();
        assertTrue(left.get(0).cancelled());
    }
}
