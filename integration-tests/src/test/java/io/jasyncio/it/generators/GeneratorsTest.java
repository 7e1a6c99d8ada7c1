package io.jasyncio.it.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.Asyncio;
import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionContext;
import io.jasyncio.Future;
import io.jasyncio.Runner;
import io.jasyncio.Task;
import io.jasyncio.internal.GeneratorFrame;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Async generators, after CPython's test_asyncgen: values handed out in order as the consumer
 * asks, inline in its task; failures at the consumer's hasNext; aclose delivering a close at
 * the pending emit; cancellation reaching the generator's await; one consumer at a time.
 */
class GeneratorsTest {
    private final EventLoop loop = EventLoop.newVirtualTimeLoop();
    private final Generators scenario = new Generators();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    @Test
    void valuesComeAsTheConsumerAsksForThem() {
        assertEquals(List.of(0, 1, 2), loop.runUntilComplete(scenario.collect(scenario.counting(3, 1))));
        assertEquals(List.of("emit 0", "took 0", "emit 1", "took 1", "emit 2", "took 2", "end"), scenario.log);
        assertEquals(3.0, loop.time(), 1e-9, "the generator's own waits, in the consumer's task");
    }

    @Test
    void aFailureOfTheGeneratorComesOutOfHasNextAfterItsValues() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(scenario.collect(scenario.failing())));
        assertEquals("the generator broke", failure.getMessage());
        assertEquals(List.of("took a", "took b"), scenario.log);
    }

    @Test
    void acloseRunsTheFinallyBlocksAtThePendingEmitAndTheyMayAwait() {
        assertEquals(List.of(0, 1), loop.runUntilComplete(scenario.takeTwoThenClose(scenario.withCleanup())));
        assertEquals(List.of("cleanup begins", "cleanup done", "closed"), scenario.log);
        assertEquals(1.0, loop.time(), 1e-9);
    }

    @Test
    void tryWithResourcesClosesAGeneratorLeftEarly() {
        assertEquals(List.of(0, 1), loop.runUntilComplete(scenario.takeTwoInTryWithResources()));
        assertEquals(List.of("cleanup begins", "cleanup done", "after the block"), scenario.log);
    }

    @Test
    void aGeneratorThatEmitsAfterTheCloseIsAnError() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(scenario.takeOneThenClose(scenario.stubborn())));
        assertTrue(refused.getMessage().contains("ignored GeneratorExit"), refused.getMessage());
        assertEquals(List.of("ignoring the close"), scenario.log);
    }

    @Test
    void closingAGeneratorNeverStartedOrFinishedDoesNothing() {
        AsyncGenerator<Integer> fresh = scenario.counting(3, 1);
        loop.runUntilComplete(fresh.aclose());
        assertEquals(List.of(), loop.runUntilComplete(scenario.collect(fresh)));
        AsyncGenerator<Integer> done = scenario.counting(1, 0);
        assertEquals(List.of(0), loop.runUntilComplete(scenario.collect(done)));
        loop.runUntilComplete(done.aclose());
    }

    @Test
    void theRunnerClosesTheGeneratorsLeftUnfinishedAndTheirFinallyBlocksMayAwait() {
        AsyncGenerator<Integer> left = scenario.withCleanup();
        AsyncGenerator<Integer> finished = scenario.finiteWithCleanup(1);
        Runner runner = new Runner(false, EventLoop::newVirtualTimeLoop);
        assertEquals(List.of(0, 1), runner.run(scenario.takeTwoAndLeave(left)));
        assertEquals(List.of(0), runner.run(scenario.collect(finished)));
        assertEquals(List.of("left", "took 0", "finite cleanup"), scenario.log, "nothing closed before the runner closes");

        runner.close();

        assertEquals(List.of("left", "took 0", "finite cleanup", "cleanup begins", "cleanup done"), scenario.log,
                "the generator left open is closed, its finally awaiting; the finished one is left alone");
        Reference.reachabilityFence(left); // the loop holds its generators weakly
    }

    @Test
    void aCloseThatFailsAtShutdownGoesToTheExceptionHandlerWithTheGenerator() {
        List<ExceptionContext> reported = new ArrayList<>();
        AsyncGenerator<Integer> failing = scenario.withCleanup(true);
        Runner runner = new Runner(false, EventLoop::newVirtualTimeLoop);
        runner.getLoop().setExceptionHandler((l, context) -> reported.add(context));
        assertEquals(List.of(0, 1), runner.run(scenario.takeTwoAndLeave(failing)));

        runner.close();

        assertEquals(1, reported.size(), reported.toString());
        ExceptionContext context = reported.get(0);
        assertTrue(context.message().startsWith("an error occurred during closing of asynchronous generator"),
                context.message());
        assertEquals("cleanup failed", context.exception().getMessage());
        assertSame(failing, context.get("asyncgen"));
    }

    @Test
    void onlyAGeneratorWithAHandlerHasCodeToRunOnClose() {
        // the loop keeps track of these alone, for shutdownAsyncgens; closing the others would run nothing
        assertFalse(((GeneratorFrame) (Object) scenario.counting(1, 0)).runsCodeOnClose());
        assertTrue(((GeneratorFrame) (Object) scenario.withCleanup()).runsCodeOnClose());
        assertTrue(((GeneratorFrame) (Object) scenario.finiteWithCleanup(1)).runsCodeOnClose());
        assertTrue(((GeneratorFrame) (Object) scenario.stubborn()).runsCodeOnClose(), "a catch");
    }

    @Test
    void shutdownAsyncgensClosesThoseLeftOpenOnTheLoopItIsCalledOn() {
        AsyncGenerator<Integer> left = scenario.withCleanup();
        assertEquals(List.of(0, 1), loop.runUntilComplete(scenario.takeTwoAndLeave(left)));

        loop.runUntilComplete(loop.shutdownAsyncgens());
        loop.runUntilComplete(loop.shutdownAsyncgens()); // closed once: the second call finds nothing

        assertEquals(List.of("left", "cleanup begins", "cleanup done"), scenario.log);
        assertEquals(List.of(), loop.runUntilComplete(scenario.collect(left)), "a closed generator has nothing more");
    }

    @Test
    void cancellingTheConsumerReachesTheGeneratorsAwait() {
        Task<List<Integer>> consumer = loop.createTask(scenario.collect(scenario.slow()));
        loop.runUntilComplete(Asyncio.sleep(1));
        consumer.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(consumer));
        assertEquals(List.of("generator cancelled at its await"), scenario.log);
    }

    @Test
    void cancellingTheConsumerReachesTheGeneratorsAwaitBetweenEmits() {
        Task<List<Integer>> consumer = loop.createTask(scenario.collect(scenario.emitThenWaitOn(Asyncio.sleep(100))));
        loop.runUntilComplete(Asyncio.sleep(1));
        consumer.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(consumer));
        assertEquals(List.of("took 1", "generator cancelled at its await"), scenario.log);
    }

    @Test
    void aCancelOfTheAnswerBeforeItIsAwaitedReachesTheGeneratorsAwait() {
        AsyncGenerator<Integer> generator = scenario.emitThenWaitOn(Asyncio.sleep(100));
        assertEquals(1, loop.runUntilComplete(scenario.takeOneThenCancelTheNextAnswer(generator)));
        assertEquals(List.of("generator cancelled at its await", "answer cancelled"), scenario.log);
        assertEquals(false, loop.runUntilComplete(generator.hasNext()), "the cancel ended the generator");
    }

    @Test
    void aCancelOfTheAnswerBeforeItIsAwaitedCancelsTheFutureTheGeneratorWaitsOn() {
        Future<Integer> pending = loop.createFuture();
        AsyncGenerator<Integer> generator = scenario.emitThenWaitOn(pending);
        assertEquals(1, loop.runUntilComplete(scenario.takeOneThenCancelTheNextAnswer(generator)));
        assertTrue(pending.cancelled(), "as a task's cancel cancels the future it waits on");
        assertEquals(List.of("generator cancelled at its await", "answer cancelled"), scenario.log);
    }

    @Test
    void hasNextCalledOutsideTheLoopRunsTheGeneratorOnlyWhenAwaited() {
        AsyncGenerator<Integer> generator = scenario.counting(3, 0);
        assertEquals(0, loop.runUntilComplete(scenario.takeOne(generator)));
        Awaitable<Boolean> answer = generator.hasNext();
        assertEquals(List.of("emit 0"), scenario.log, "asked from outside the loop's tasks: nothing ran yet");
        assertTrue(loop.runUntilComplete(answer));
        assertEquals(List.of("emit 0", "emit 1"), scenario.log);
        assertEquals(1, generator.next());
    }

    @Test
    void aConsumerWaitingInsideTheGeneratorHasBothInItsStack() {
        Task<List<Integer>> consumer = loop.createTask(scenario.collect(scenario.counting(2, 1)));
        loop.runUntilComplete(Asyncio.sleep(0.5));
        assertEquals(List.of("collect", "counting"), methods(consumer), "waiting for the first value");
        loop.runUntilComplete(Asyncio.sleep(1));
        assertEquals(List.of("took 0"), scenario.log.subList(1, 2));
        assertEquals(List.of("collect", "counting"), methods(consumer), "waiting for the second value");
        assertEquals(List.of(0, 1), loop.runUntilComplete(consumer));
        assertEquals(List.of(), consumer.getStack(), "done");
    }

    private static List<String> methods(Task<?> task) {
        return task.getStack().stream().map(StackTraceElement::getMethodName).toList();
    }

    @Test
    void twoConsumersAtOnceAreRefused() {
        AsyncGenerator<Integer> shared = scenario.slow();
        Task<List<Integer>> first = loop.createTask(scenario.collect(shared));
        Task<List<Integer>> second = loop.createTask(scenario.collect(shared));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(second));
        assertTrue(refused.getMessage().contains("already running"), refused.getMessage());
        assertEquals(List.of(1), loop.runUntilComplete(first));
    }

    @Test
    void loopsSwitchesTryCatchFinallyLongsAndDoublesLiveAcrossEmits() {
        assertEquals(List.of("zero 0", "one 1", "caught two 2", "zero 3", "one 5", "caught two 5", "total 5 half 7.5"),
                loop.runUntilComplete(scenario.collect(scenario.shapes(6))));
    }

    @Test
    void returnEndInsideATryRunsTheFinallyBlockFirst() {
        assertEquals(List.of(0, 1), loop.runUntilComplete(scenario.collect(scenario.endsInsideTry(2))));
        assertEquals(List.of("took 0", "took 1", "finally after end"), scenario.log);
        assertEquals(1.0, loop.time(), 1e-9);
    }

    @Test
    void aGeneratorMayConsumeAnother() {
        assertEquals(List.of(0, 2, 4, 6), loop.runUntilComplete(scenario.collect(scenario.doubled(scenario.counting(4, 0.5)))));
    }

    @Test
    void emitOutsideAGeneratorIsAnError() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Asyncio.emit(1));
        assertTrue(refused.getMessage().startsWith("emit() outside an async generator"), refused.getMessage());
    }
}
