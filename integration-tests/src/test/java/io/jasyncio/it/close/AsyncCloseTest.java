package io.jasyncio.it.close;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionGroup;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * try-with-resources on an AsyncCloseable in @Async code: the close is awaited (each takes a
 * second of virtual time), in reverse order, on every way out, with Java's suppressed-exception
 * rules.
 */
class AsyncCloseTest {
    private final EventLoop loop = EventLoop.newVirtualTimeLoop();
    private final AsyncClose scenario = new AsyncClose();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    @Test
    void theEndOfTheBlockAwaitsEachCloseInReverseOrder() {
        assertEquals("done", loop.runUntilComplete(scenario.normal()));
        assertEquals(List.of("open a", "open b", "body", "closed b", "closed a", "after"), scenario.log);
        assertEquals(3.0, loop.time(), 1e-9, "the body's second and one for each close");
    }

    @Test
    void aReturnInsideAwaitsTheCloseBeforeReturning() {
        assertEquals("returned", loop.runUntilComplete(scenario.returnsFromInside()));
        assertEquals(List.of("open a", "body", "closed a"), scenario.log);
        assertEquals(1.0, loop.time(), 1e-9);
    }

    @Test
    void aFailingBodyIsClosedWithItsFailureAndTheFailureComesOut() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> loop.runUntilComplete(scenario.bodyFails(false)));
        assertEquals("body failed", failure.getMessage());
        assertEquals(List.of("open a", "body", "closed a after body failed"), scenario.log);
        assertEquals(0, failure.getSuppressed().length);
    }

    @Test
    void aCloseFailingAfterTheBodyFailedIsSuppressedInTheBodysFailure() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> loop.runUntilComplete(scenario.bodyFails(true)));
        assertEquals(1, failure.getSuppressed().length);
        assertEquals("close of a failed", failure.getSuppressed()[0].getMessage());
    }

    @Test
    void aCloseFailingAfterANormalBodyComesOut() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(scenario.closeFails()));
        assertEquals("close of a failed", failure.getMessage());
    }

    @Test
    void continueAndBreakAwaitTheCloseToo() {
        assertEquals(2, loop.runUntilComplete(scenario.loop()));
        assertEquals(List.of("open r0", "closed r0", "open r1", "closed r1", "open r2", "closed r2",
                "open r3", "closed r3"), scenario.log);
        assertEquals(4.0, loop.time(), 1e-9);
    }

    @Test
    void aLambdaWhoseOnlyWaitIsTheCloseAwaitsIt() {
        assertEquals("lambda done", loop.runUntilComplete(scenario.lambda().get()));
        assertEquals(List.of("open lambda", "lambda body", "closed lambda"), scenario.log);
        assertEquals(1.0, loop.time(), 1e-9);
    }

    @Test
    void aTaskGroupsBlockEndsWhenItsChildrenHave() {
        assertEquals(List.of("a", "b"), loop.runUntilComplete(scenario.group()));
        assertEquals(2.0, loop.time(), 1e-9);
    }

    @Test
    void aTaskGroupWhoseBlockFailsCancelsItsChildren() {
        List<Task<String>> children = new ArrayList<>();
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(scenario.groupBodyFails(children)));
        assertEquals("body failed", failure.getMessage());
        assertTrue(children.get(0).cancelled(), "the child was cancelled");
        assertEquals(1, failure.getSuppressed().length, "the group's exit failure, suppressed");
        assertInstanceOf(ExceptionGroup.class, failure.getSuppressed()[0]);
        assertTrue(loop.time() < 100, "nobody waited for the child: " + loop.time());
    }

    @Test
    void closeOutsideAnAwaitThrows() {
        AsyncClose.Resource resource = scenario.open("x");
        IllegalStateException refused = assertThrows(IllegalStateException.class, resource::close);
        assertTrue(refused.getMessage().contains("is closed by awaiting aclose()"), refused.getMessage());
    }
}
