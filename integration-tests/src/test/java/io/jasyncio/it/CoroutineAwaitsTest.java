package io.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.EventLoop;
import io.jasyncio.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CoroutineAwaitsTest extends VirtualLoopTest {
    /** Deep enough to overflow the Java stack if awaits recursed instead of being driven. */
    private static final int DEPTH = 10_000;

    /** Only for the CompletionStage tests, whose stage completes on another thread. */
    private EventLoop realLoop;

    @AfterEach
    void closeRealLoop() {
        if (realLoop != null) {
            realLoop.close();
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void awaitedCoroutineRunsInlineInTheSameTask(FutureSource source) {
        CoroutineAwaits awaits = new CoroutineAwaits(source.futures(loop));
        Task<List<Task<?>>> task = loop.createTask(awaits.tasksSeenInline());

        List<Task<?>> seen = loop.runUntilComplete(task);

        assertEquals(5, seen.size());
        for (Task<?> each : seen) {
            assertSame(task, each);
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void tailReturn(FutureSource source) {
        CoroutineAwaits awaits = new CoroutineAwaits(source.futures(loop));
        for (int n : new int[] {-4, 0, 1, 2, 7}) {
            assertEquals(CoroutineAwaits.tailSync(n), loop.runUntilComplete(awaits.tail(n)), "n=" + n);
        }
    }

    /** With LATER, the bottom of the chain suspends and the whole chain resumes through the loop. */
    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void deepChainOfAwaits(FutureSource source) {
        CoroutineAwaits awaits = new CoroutineAwaits(source.futures(loop));
        assertEquals(CoroutineAwaits.chainSync(DEPTH), loop.runUntilComplete(awaits.chain(DEPTH)));
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void deepChainOfTailReturns(FutureSource source) {
        CoroutineAwaits awaits = new CoroutineAwaits(source.futures(loop));
        assertEquals(CoroutineAwaits.tailChainSync(DEPTH, 0), loop.runUntilComplete(awaits.tailChain(DEPTH, 0)));
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void deepChainUnwindsTheSameException(FutureSource source) {
        CoroutineAwaits awaits = new CoroutineAwaits(source.futures(loop));
        IllegalStateException error = new IllegalStateException("bottom");

        Throwable thrown = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(awaits.failingChain(DEPTH, error)));

        assertSame(error, thrown);
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void awaitTaskCreatedWithCreateTask(FutureSource source) {
        CoroutineAwaits awaits = new CoroutineAwaits(source.futures(loop));
        for (int n : new int[] {0, 3}) {
            assertEquals(CoroutineAwaits.awaitTaskSync(n), loop.runUntilComplete(awaits.awaitTask(n)));
        }
    }

    @Test
    @Timeout(10)
    void completionStageCompletedOnAnotherThread() throws InterruptedException {
        CompletableFuture<Integer> stage = new CompletableFuture<>();
        CountDownLatch awaiting = new CountDownLatch(1);
        Thread completer = completeOnAnotherThread(awaiting, () -> stage.complete(42));
        try {
            realLoop = EventLoop.newEventLoop();
            String got = realLoop.runUntilComplete(CoroutineAwaits.awaitStage(stage, awaiting::countDown));
            // The coroutine resumed on the loop's thread (this one), not on the completer.
            assertEquals("42 on " + Thread.currentThread().getName(), got);
        } finally {
            completer.join();
        }
    }

    @Test
    @Timeout(10)
    void completionStageFailedOnAnotherThread() throws InterruptedException {
        CompletableFuture<Integer> stage = new CompletableFuture<>();
        IllegalArgumentException error = new IllegalArgumentException("from the other thread");
        CountDownLatch started = new CountDownLatch(1);
        Thread completer = completeOnAnotherThread(started, () -> stage.completeExceptionally(error));
        try {
            realLoop = EventLoop.newEventLoop();
            started.countDown();
            Throwable caught = realLoop.runUntilComplete(CoroutineAwaits.catchStageFailure(stage));
            assertSame(error, caught);
        } finally {
            completer.join();
        }
    }

    /** Starts a thread that runs {@code completion} once {@code go} is counted down. */
    private static Thread completeOnAnotherThread(CountDownLatch go, Runnable completion) {
        Thread thread = new Thread(() -> {
            try {
                // Bounded so that a coroutine that never starts cannot leave the thread behind;
                // the stage is completed either way, so the test's loop cannot hang either.
                go.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            completion.run();
        }, "completer");
        thread.start();
        return thread;
    }
}
