package io.jasyncio.it.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Coroutine;
import io.jasyncio.ExceptionContext;
import io.jasyncio.LifoQueue;
import io.jasyncio.PriorityQueue;
import io.jasyncio.Queue;
import io.jasyncio.TimerHandle;
import io.jasyncio.it.VirtualLoopTest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CPython 3.11's test_queues.py, run as {@code @Async} code ({@link QueueScenarios}) on a
 * virtual-time loop: each test runs one scenario to completion; a failed check fails the
 * scenario's task and so the test. Not ported: test_repr (no id in a Java toString),
 * test_generic_alias, test_float_maxsize (maxsize is an int), test_format (sets a private
 * counter; {@code toString} is covered by test_str and the runtime's QueueTest).
 */
class QueueScenariosTest extends VirtualLoopTest {
    private final List<ExceptionContext> errors = new ArrayList<>();
    private final QueueScenarios scenarios = new QueueScenarios();

    @BeforeEach
    void recordErrors() {
        loop.setExceptionHandler((l, context) -> errors.add(context));
    }

    @AfterEach
    void noErrorReported() {
        assertEquals(List.of(), errors);
    }

    /**
     * Runs {@code coro} to completion; a regression that leaves it waiting forever fails the test
     * ("Event loop stopped before Future completed.") instead of hanging the build.
     */
    private <T> T run(Coroutine<T> coro) {
        TimerHandle guard = loop.callLater(1e6, loop::stop);
        try {
            return loop.runUntilComplete(coro);
        } finally {
            guard.cancel();
        }
    }

    static Stream<Supplier<Queue<Integer>>> kinds() {
        return Stream.of(Queue::new, LifoQueue::new, PriorityQueue::new);
    }

    // QueueBasicTests

    @Test
    void testStr() {
        run(scenarios.testStr());
    }

    @Test
    void testEmpty() {
        run(scenarios.testEmpty());
    }

    @Test
    void testFull() {
        run(scenarios.testFull());
    }

    @Test
    void testOrder() {
        assertEquals(List.of(1, 3, 2), run(scenarios.testOrder(new Queue<>())));
    }

    @Test
    void lifoQueueTestOrder() {
        assertEquals(List.of(2, 3, 1), run(scenarios.testOrder(new LifoQueue<>())));
    }

    @Test
    void priorityQueueTestOrder() {
        assertEquals(List.of(1, 2, 3), run(scenarios.testOrder(new PriorityQueue<>())));
    }

    @Test
    void testMaxsize() {
        run(scenarios.testMaxsize());
    }

    // QueueGetTests

    @Test
    void testBlockingGet() {
        run(scenarios.testBlockingGet());
    }

    @Test
    void testGetWithPutters() {
        run(scenarios.testGetWithPutters());
    }

    @Test
    void testBlockingGetWait() {
        assertEquals(0.01, run(scenarios.testBlockingGetWait()));
    }

    @Test
    void testGetCancelledRace() {
        run(scenarios.testGetCancelledRace());
    }

    @Test
    void testGetWithWaitingPutters() {
        run(scenarios.testGetWithWaitingPutters());
    }

    @Test
    void testWhyAreGettersWaiting() {
        run(scenarios.testWhyAreGettersWaiting());
    }

    @Test
    void testCancelledGettersNotBeingHeldInSelfGetters() {
        run(scenarios.testCancelledGettersNotBeingHeldInSelfGetters());
        assertEquals(0.1, loop.time());
    }

    // QueuePutTests

    @Test
    void testBlockingPut() {
        run(scenarios.testBlockingPut());
    }

    @Test
    void testBlockingPutWait() {
        assertEquals(0.01, run(scenarios.testBlockingPutWait()));
    }

    @Test
    void testGetCancelDropOnePendingReader() {
        run(scenarios.testGetCancelDropOnePendingReader());
    }

    @Test
    void testGetCancelDropManyPendingReaders() {
        run(scenarios.testGetCancelDropManyPendingReaders());
    }

    @Test
    void testPutCancelDrop() {
        run(scenarios.testPutCancelDrop());
    }

    @Test
    void testPutCancelled() {
        run(scenarios.testPutCancelled());
    }

    @Test
    void testPutCancelledRace() {
        run(scenarios.testPutCancelledRace());
    }

    @Test
    void testPutWithWaitingGetters() {
        run(scenarios.testPutWithWaitingGetters());
    }

    @Test
    void testWhyArePuttersWaiting() {
        run(scenarios.testWhyArePuttersWaiting());
    }

    @Test
    void testCancelledPutsNotBeingHeldInSelfPutters() {
        run(scenarios.testCancelledPutsNotBeingHeldInSelfPutters());
    }

    @Test
    void testCancelledPutSilenceValueErrorException() {
        run(scenarios.testCancelledPutSilenceValueErrorException());
    }

    // _QueueJoinTestMixin, for each class

    @ParameterizedTest
    @MethodSource("kinds")
    void testTaskDone(Supplier<Queue<Integer>> kind) {
        run(scenarios.testTaskDone(kind.get()));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void testJoinEmptyQueue(Supplier<Queue<Integer>> kind) {
        assertEquals(List.of("joined", "other ran"), run(scenarios.testJoinEmptyQueue(kind.get())));
    }
}
