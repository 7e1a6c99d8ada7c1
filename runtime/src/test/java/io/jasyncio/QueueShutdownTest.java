package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Queue.shutdown, as CPython 3.13's test_queues' shutdown tests check it, for every kind of queue. */
class QueueShutdownTest extends LoopTestBase {

    static Stream<IntFunction<Queue<Integer>>> kinds() {
        return QueueTest.kinds();
    }

    private void oneIteration() {
        loop.runUntilComplete(Asyncio.sleep(0));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anEmptyQueueShutDownRefusesEveryPutAndGet(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(0);
        q.shutdown();
        assertTrue(q.isShutdown());
        assertThrows(QueueShutDown.class, () -> q.putNowait(1));
        assertThrows(QueueShutDown.class, q::getNowait);
        assertThrows(QueueShutDown.class, () -> loop.runUntilComplete(q.put(1)));
        assertThrows(QueueShutDown.class, () -> loop.runUntilComplete(q.get()));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void withoutImmediateTheItemsLeftCanStillBeTakenThenGetsRefuse(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(0);
        q.putNowait(1);
        q.putNowait(2);
        q.shutdown(false);
        assertThrows(QueueShutDown.class, () -> q.putNowait(3));
        assertEquals(2, q.qsize());
        int first = loop.runUntilComplete(q.get());
        int second = q.getNowait();
        assertEquals(3, first + second);
        assertThrows(QueueShutDown.class, q::getNowait);
        assertThrows(QueueShutDown.class, () -> loop.runUntilComplete(q.get()));
        Task<Void> join = loop.createTask(q.join());
        oneIteration();
        assertFalse(join.done(), "two items taken but not marked done");
        q.taskDone();
        q.taskDone();
        loop.runUntilComplete(join);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void immediateDropsTheItemsAsDoneWhichReleasesJoin(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(0);
        q.putNowait(1);
        q.putNowait(2);
        Task<Void> join = loop.createTask(q.join());
        oneIteration();
        assertFalse(join.done());
        q.shutdown(true);
        assertEquals(0, q.qsize());
        loop.runUntilComplete(join);
        assertThrows(QueueShutDown.class, q::getNowait);
        assertThrows(IllegalStateException.class, q::taskDone, "no unfinished task left");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWaitingGetterAndAWaitingPutterAreWokenToFindItShutDown(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> empty = kind.apply(0);
        Task<Integer> getter = loop.createTask(empty.get());
        Queue<Integer> full = kind.apply(1);
        full.putNowait(1);
        Task<Void> putter = loop.createTask(full.put(2));
        oneIteration();
        assertFalse(getter.done());
        assertFalse(putter.done());

        empty.shutdown();
        full.shutdown();
        oneIteration();
        oneIteration();

        assertInstanceOf(QueueShutDown.class, getter.exception());
        assertInstanceOf(QueueShutDown.class, putter.exception());
        assertEquals(1, full.getNowait(), "the item put before the shutdown is still there");
    }
}
