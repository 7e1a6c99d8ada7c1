package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TaskFactory.EAGER, as CPython 3.12's test_eager_task_factory checks it. */
class EagerTaskTest extends LoopTestBase {

    @Test
    void aCoroutineThatDoesNotSuspendGivesATaskAlreadyDone() {
        loop.setTaskFactory(TaskFactory.EAGER);
        assertSame(TaskFactory.EAGER, loop.getTaskFactory());
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(TestFrame.of("creator", (f, v, e) -> {
            Task<?> creator = Asyncio.currentTask();
            Task<String> eager = loop.createTask(TestFrame.of("eager", (ef, ev, ee) -> {
                log.add("eager runs inside createTask, as " + (Asyncio.currentTask() == creator ? "the creator" : "itself"));
                return ef.ret("done at once");
            }));
            log.add("after createTask: " + eager.done() + " " + eager.result());
            assertSame(creator, Asyncio.currentTask(), "the creator is current again");
            return f.ret(null);
        }));
        assertEquals(List.of("eager runs inside createTask, as itself", "after createTask: true done at once"), log);
        assertNoErrors();
    }

    @Test
    void aCoroutineThatSuspendsRunsToItsFirstSuspensionThenGoesOnAsATask() {
        loop.setTaskFactory(TaskFactory.EAGER);
        List<String> log = new ArrayList<>();
        Future<String> gate = loop.createFuture();
        loop.runUntilComplete(TestFrame.of("creator", (f, v, e) -> {
            if (f.label++ == 0) {
                Task<String> eager = loop.createTask(TestFrame.of("eager", (ef, ev, ee) -> {
                    if (ef.label++ == 0) {
                        log.add("before its await");
                        return gate;
                    }
                    log.add("woken with " + ev);
                    return ef.ret(ev);
                }));
                log.add("createTask returned, done=" + eager.done());
                gate.setResult("the gate");
                return eager;
            }
            return f.ret(v);
        }));
        assertEquals(List.of("before its await", "createTask returned, done=false", "woken with the gate"), log);
    }

    @Test
    void outsideARunningLoopItIsAnOrdinaryTask() {
        loop.setTaskFactory(TaskFactory.EAGER);
        List<String> log = new ArrayList<>();
        Task<Object> task = loop.createTask(TestFrame.of("later", (f, v, e) -> {
            log.add("ran");
            return f.ret(null);
        }));
        assertFalse(task.done());
        assertEquals(List.of(), log);
        loop.runUntilComplete(task);
        assertEquals(List.of("ran"), log);
        loop.setTaskFactory(null);
        assertNull(loop.getTaskFactory());
    }
}
