package io.jasyncio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trampoline alone, without a loop: what {@link CoroutineFrame#run} promises a Task. */
class CoroutineFrameTest {

    /** Awaits {@code depth} nested frames; the innermost returns 1, each level adds 1. */
    static final class Nested extends CoroutineFrame<Integer> {
        final int depth;
        final Object innermostAwaits;
        int label;

        Nested(int depth, Object innermostAwaits) {
            this.depth = depth;
            this.innermostAwaits = innermostAwaits;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (error != null) {
                throw error;
            }
            if (label == 0) {
                label = 1;
                return depth == 0 ? innermostAwaits : new Nested(depth - 1, innermostAwaits);
            }
            return complete(depth == 0 ? 1 : (Integer) value + 1);
        }
    }

    /** Returns a fixed value without suspending. */
    static final class Constant extends CoroutineFrame<Object> {
        final Object value;

        Constant(Object value) {
            this.value = value;
        }

        @Override
        protected Object resume(Object ignored, Throwable error) throws Throwable {
            if (error != null) {
                throw error;
            }
            return complete(value);
        }
    }

    @Test
    void aHundredThousandNestedAwaitsCompleteWithoutStackOverflow() {
        Nested bottom = new Nested(100_000, new Constant(0));
        bottom.claim();
        assertNull(CoroutineFrame.run(bottom, null, null));
        assertEquals(100_001, bottom.value());
    }

    @Test
    void aHundredThousandNestedAwaitsSuspendAtTheTopAndUnwindAfterResuming() {
        Nested bottom = new Nested(100_000, CoroutineFrame.YIELD);
        bottom.claim();
        CoroutineFrame<?> top = CoroutineFrame.run(bottom, null, null);
        assertSame(CoroutineFrame.YIELD, top.awaiting());
        assertEquals(0, ((Nested) top).depth);
        assertNull(CoroutineFrame.run(top, null, null));
        assertEquals(100_001, bottom.value());
    }

    @Test
    void anExceptionReachesTheAwaitingFrameAsTheSameObject() {
        IOException boom = new IOException("boom");
        List<Throwable> caught = new ArrayList<>();
        CoroutineFrame<Object> thrower = new CoroutineFrame<>() {
            @Override
            protected Object resume(Object value, Throwable error) throws Throwable {
                throw boom;
            }
        };
        CoroutineFrame<Object> catcher = new CoroutineFrame<>() {
            int label;

            @Override
            protected Object resume(Object value, Throwable error) throws Throwable {
                if (label++ == 0) {
                    return thrower;
                }
                caught.add(error);
                return complete("recovered");
            }
        };
        catcher.claim();
        assertNull(CoroutineFrame.run(catcher, null, null));
        assertSame(boom, caught.get(0));
        assertSame(boom, thrower.failure());
        assertEquals("recovered", catcher.value());
    }

    @Test
    void anUncaughtExceptionEndsTheBottomFrame() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Nested bottom = new Nested(3, new CoroutineFrame<>() {
            @Override
            protected Object resume(Object value, Throwable error) {
                throw boom;
            }
        });
        bottom.claim();
        assertNull(CoroutineFrame.run(bottom, null, null));
        assertTrue(bottom.isDone());
        assertSame(boom, bottom.failure());
        assertNull(bottom.value());
    }

    @Test
    void anErrorOnTheFirstResumeIsThrownBeforeTheBodyRuns() {
        List<String> ran = new ArrayList<>();
        CoroutineFrame<Object> frame = new CoroutineFrame<>() {
            @Override
            protected Object resume(Object value, Throwable error) throws Throwable {
                if (error != null) {
                    throw error;
                }
                ran.add("body");
                return complete(null);
            }
        };
        frame.claim();
        RuntimeException cancel = new RuntimeException("cancelled early");
        assertNull(CoroutineFrame.run(frame, null, cancel));
        assertSame(cancel, frame.failure());
        assertEquals(List.of(), ran);
    }

    @Test
    void awaitingAFrameTwiceIsAnErrorAtTheSecondAwait() {
        Constant shared = new Constant("once");
        List<Object> seen = new ArrayList<>();
        CoroutineFrame<Object> twice = new CoroutineFrame<>() {
            int label;

            @Override
            protected Object resume(Object value, Throwable error) {
                seen.add(error != null ? error : value);
                return label++ < 2 ? shared : complete(null);
            }
        };
        twice.claim();
        assertNull(CoroutineFrame.run(twice, null, null));
        assertEquals("once", seen.get(1));
        assertTrue(seen.get(2) instanceof IllegalStateException);
        assertTrue(((Throwable) seen.get(2)).getMessage().startsWith("cannot reuse already awaited coroutine"));
    }

    @Test
    void aClaimedFrameCannotBeClaimedAgain() {
        Constant frame = new Constant(1);
        frame.claim();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, frame::claim);
        assertTrue(e.getMessage().startsWith("cannot reuse already awaited coroutine"));
    }

    @Test
    void awaitingSomethingNotAwaitableThrowsAtTheAwait() {
        List<Throwable> errors = new ArrayList<>();
        CoroutineFrame<Object> frame = new CoroutineFrame<>() {
            int label;

            @Override
            protected Object resume(Object value, Throwable error) {
                if (label++ == 0) {
                    return "not awaitable";
                }
                errors.add(error);
                return complete(null);
            }
        };
        frame.claim();
        assertNull(CoroutineFrame.run(frame, null, null));
        assertTrue(errors.get(0).getMessage().contains("which is not awaitable"));
        assertFalse(frame.failure() != null);
    }
}
