package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Future's states, errors and callbacks: CPython's test_futures, where it applies. */
class FutureTest extends LoopTestBase {
    private final List<String> log = new ArrayList<>();

    @Test
    void aNewFutureIsPending() {
        Future<String> f = loop.createFuture();
        assertFalse(f.done());
        assertFalse(f.cancelled());
        assertSame(loop, f.getLoop());
        assertEquals("Result is not ready.", assertThrows(InvalidStateError.class, f::result).getMessage());
        assertEquals("Exception is not set.", assertThrows(InvalidStateError.class, f::exception).getMessage());
    }

    @Test
    void aResultIsSetOnce() {
        Future<String> f = loop.createFuture();
        f.setResult("value");
        assertTrue(f.done());
        assertFalse(f.cancelled());
        assertEquals("value", f.result());
        assertNull(f.exception());
        InvalidStateError e = assertThrows(InvalidStateError.class, () -> f.setResult("again"));
        assertEquals("FINISHED: <Future finished result=value>", e.getMessage());
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
        assertEquals("value", f.result());
    }

    @Test
    void anExceptionIsRethrownAsTheSameObject() {
        Future<String> f = loop.createFuture();
        IOException failure = new IOException("checked");
        f.setException(failure);
        assertSame(failure, f.exception());
        assertSame(failure, assertThrows(IOException.class, f::result));
        assertThrows(NullPointerException.class, () -> loop.createFuture().setException(null));
    }

    @Test
    void anExceptionObjectAsAResultIsAResultNotAFailure() {
        Future<Throwable> f = loop.createFuture();
        IOException value = new IOException("a value");
        f.setResult(value);
        assertSame(value, f.result());
        assertNull(f.exception());
        assertEquals("<Future finished result=java.io.IOException: a value>", f.toString());
    }

    @Test
    void cancelCarriesItsMessageIntoEveryCancelledError() {
        Future<String> f = loop.createFuture();
        assertTrue(f.cancel("stop it"));
        assertTrue(f.cancelled());
        assertTrue(f.done());
        assertFalse(f.cancel("again"));
        CancelledError fromResult = assertThrows(CancelledError.class, f::result);
        CancelledError fromException = assertThrows(CancelledError.class, f::exception);
        assertEquals("stop it", fromResult.getMessage());
        assertEquals("stop it", fromException.getMessage());
        assertEquals("CANCELLED: <Future cancelled>",
                assertThrows(InvalidStateError.class, () -> f.setResult("late")).getMessage());
    }

    @Test
    void aCancelledErrorIsACancellationException() {
        Future<String> f = loop.createFuture();
        f.cancel();
        assertNull(assertThrows(CancellationException.class, f::result).getMessage());
    }

    @Test
    void doneCallbacksNeverRunInline() {
        // test_futures: set_result; log; add_done_callback(late); log gives
        // "after set_result, after late add, cb1, cb2, cb3-late".
        Future<String> f = loop.createFuture();
        f.addDoneCallback(done -> log.add("cb1"));
        f.addDoneCallback(done -> log.add("cb2"));
        f.setResult("x");
        log.add("after set_result");
        f.addDoneCallback(done -> log.add("cb3-late"));
        log.add("after late add");
        runUntilIdle();
        assertEquals(List.of("after set_result", "after late add", "cb1", "cb2", "cb3-late"), log);
    }

    @Test
    void doneCallbacksRunOnceEachInRegistrationOrderAndSeeTheFuture() {
        Future<String> f = loop.createFuture();
        for (int i = 0; i < 5; i++) {
            int n = i;
            f.addDoneCallback(done -> log.add(n + ":" + done.result()));
        }
        loop.callSoon(() -> f.setResult("r"));
        runUntilIdle();
        assertEquals(List.of("0:r", "1:r", "2:r", "3:r", "4:r"), log);
    }

    @Test
    void cancellingSchedulesTheCallbacksToo() {
        Future<String> f = loop.createFuture();
        f.addDoneCallback(done -> log.add("cancelled=" + done.cancelled()));
        f.cancel();
        runUntilIdle();
        assertEquals(List.of("cancelled=true"), log);
    }

    @Test
    void removeDoneCallbackRemovesEveryRegistrationAndCountsThem() {
        // test_remove_done_callback
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> cb1 = done -> log.add("cb1");
        Consumer<Future<String>> cb2 = done -> log.add("cb2");
        Consumer<Future<String>> cb3 = done -> log.add("cb3");
        f.addDoneCallback(cb1);
        f.addDoneCallback(cb2);
        assertEquals(1, f.removeDoneCallback(cb2));
        assertEquals(0, f.removeDoneCallback(cb3));
        f.addDoneCallback(cb2);
        for (int i = 0; i < 5; i++) {
            f.addDoneCallback(cb1);
        }
        assertEquals(6, f.removeDoneCallback(cb1));
        f.setResult("done");
        runUntilIdle();
        assertEquals(List.of("cb2"), log);
    }

    @Test
    void removingTheFirstCallbackKeepsTheOrderOfTheRest() {
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> first = done -> log.add("first");
        f.addDoneCallback(first);
        f.addDoneCallback(done -> log.add("second"));
        f.addDoneCallback(done -> log.add("third"));
        assertEquals(1, f.removeDoneCallback(first));
        f.setResult("x");
        runUntilIdle();
        assertEquals(List.of("second", "third"), log);
    }

    @Test
    void aCallbackListCanShrinkToNothingAndGrowAgain() {
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> only = done -> log.add("only");
        f.addDoneCallback(only);
        assertEquals(1, f.removeDoneCallback(only));
        assertEquals(0, f.removeDoneCallback(only));
        f.addDoneCallback(done -> log.add("a"));
        f.addDoneCallback(only);
        f.addDoneCallback(done -> log.add("b"));
        assertEquals(1, f.removeDoneCallback(only));
        f.addDoneCallback(done -> log.add("c"));
        f.setResult("x");
        runUntilIdle();
        assertEquals(List.of("a", "b", "c"), log);
    }

    @Test
    void anExceptionInADoneCallbackGoesToTheHandler() {
        Future<String> f = loop.createFuture();
        IllegalStateException bug = new IllegalStateException("callback bug");
        f.addDoneCallback(done -> {
            throw bug;
        });
        f.addDoneCallback(done -> log.add("next callback still runs"));
        f.setResult("x");
        runUntilIdle();
        assertEquals(List.of("next callback still runs"), log);
        assertSame(bug, errors.get(0).exception());
    }

    @Test
    void toStringShowsTheState() {
        Future<Object> pending = loop.createFuture();
        assertEquals("<Future pending>", pending.toString());
        Future<Object> failed = loop.createFuture();
        failed.setException(new IOException("x"));
        failed.exception();
        assertEquals("<Future finished exception=java.io.IOException: x>", failed.toString());
        Future<Object> cancelled = loop.createFuture();
        cancelled.cancel();
        assertEquals("<Future cancelled>", cancelled.toString());
    }

    @Test
    void mutatingAFutureFromAnotherThreadWhileTheLoopRunsIsRejected() {
        Future<String> f = loop.createFuture();
        List<Throwable> rejected = new ArrayList<>();
        loop.callSoon(() -> {
            Thread other = new Thread(() -> {
                for (Runnable call : List.<Runnable>of(() -> f.setResult("x"), f::cancel,
                        () -> f.addDoneCallback(done -> { }))) {
                    try {
                        call.run();
                    } catch (IllegalStateException e) {
                        rejected.add(e);
                    }
                }
            });
            other.start();
            EventLoopTest.join(other);
        });
        loop.stop();
        loop.runForever();
        assertEquals(3, rejected.size());
        assertFalse(f.done());
    }

    @Test
    void toCompletableFutureCompletesWithTheResult() throws Exception {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> stage = f.toCompletableFuture();
        assertFalse(stage.isDone());
        loop.callSoon(() -> f.setResult("value"));
        runUntilIdle();
        assertEquals("value", stage.get(0, TimeUnit.SECONDS));
        assertEquals("not done", loop.createFuture().toCompletableFuture().getNow("not done"));
    }

    @Test
    void toCompletableFutureOfADoneFutureIsDoneAtOnce() throws Exception {
        Future<String> f = loop.createFuture();
        IOException failure = new IOException("x");
        f.setException(failure);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.toCompletableFuture().get());
        assertSame(failure, e.getCause());
        Future<String> cancelled = loop.createFuture();
        cancelled.cancel("bye");
        assertTrue(cancelled.toCompletableFuture().isCompletedExceptionally());
    }

    @Test
    void cancellingTheCompletableFutureCancelsTheFuture() {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> stage = f.toCompletableFuture();
        Thread canceller = new Thread(() -> stage.cancel(false));
        canceller.start();
        EventLoopTest.join(canceller);
        runUntilIdle();
        assertTrue(f.cancelled());
    }
}
