package io.jasyncio.internal;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.Asyncio;
import io.jasyncio.Awaitable;
import io.jasyncio.Future;
import io.jasyncio.GeneratorExit;
import java.util.NoSuchElementException;

/**
 * The frame of an {@code @Async} method that returns {@code AsyncGenerator<T>}: the bytecode
 * pass makes it the superclass of such a method's frame. <strong>Not for users.</strong>
 *
 * <p>The generator's frames form a stack of their own, which the consumer's task drives from
 * inside its own: each {@link #hasNext()} is a {@link Step} coroutine, awaited inline by the
 * consumer, that runs the generator's stack with {@link CoroutineFrame#run} until it stops.
 * Stopped at an {@code emit}, the step completes with true; suspended on a real future, the
 * step suspends the consumer's task on it and hands the outcome back when it comes, so a
 * cancel of the consumer reaches the generator's await. The bytecode pass turns the body's
 * {@code emit(v)} into {@link #emitValue} on its own frame, which keeps the value and suspends
 * the generator on a future that is never completed: the step recognizes it. Nothing is
 * allocated per value: the step is renewed for the next {@code hasNext}.
 */
public abstract class GeneratorFrame extends CoroutineFrame<Object> implements AsyncGenerator<Object> {
    private static final byte NOT_STARTED = 0;
    private static final byte STOPPED = 1;
    private static final byte RUNNING = 2;
    private static final byte FINISHED = 3;

    private byte state = NOT_STARTED;
    /** The innermost frame of the generator's stack while it is stopped. */
    private CoroutineFrame<?> top;
    /** The future an emit suspends on; never completed. */
    private Future<Void> emitPoint;
    private Object emitted;
    private boolean ready;
    /** The last {@code hasNext} step, renewed for the next one once it has finished. */
    private Step<Boolean> advance;

    protected GeneratorFrame() {}

    /**
     * {@code Asyncio.emit} where the pass did not rewrite it: outside an async generator's
     * body, which is the only place a value can be emitted from.
     */
    public static IllegalStateException emitOutsideGenerator() {
        return new IllegalStateException("emit() outside an async generator: only the body of an @Async method"
                + " returning AsyncGenerator<T> can emit, and the bytecode pass rewrites it there");
    }

    /** An async generator body's {@code emit(value)}: keeps the value; the body then awaits what this returns. */
    public final Awaitable<Void> emitValue(Object value) {
        emitted = value;
        if (emitPoint == null) {
            emitPoint = Asyncio.getRunningLoop().createFuture();
        }
        return emitPoint;
    }

    @Override
    public final Awaitable<Boolean> hasNext() {
        Step<Boolean> step = advance;
        if (step != null && step.isDone()) {
            step.again(); // the consumer is done with it: no allocation per value
        } else {
            step = new Step<>(this, false);
            advance = step;
        }
        return step;
    }

    @Override
    public final Object next() {
        if (!ready) {
            throw new NoSuchElementException("next() without a hasNext() that completed with true");
        }
        Object value = emitted;
        emitted = null;
        ready = false;
        return value;
    }

    @Override
    public final Awaitable<Void> aclose() {
        return new Step<>(this, true);
    }

    /**
     * One step of the generator, awaited by its consumer: to its next emit ({@code hasNext}),
     * or, delivering a {@link GeneratorExit} at its pending emit, to its end ({@code aclose}).
     */
    private static final class Step<R> extends CoroutineFrame<R> {
        private final GeneratorFrame generator;
        private final boolean closing;
        private boolean started;

        Step(GeneratorFrame generator, boolean closing) {
            this.generator = generator;
            this.closing = closing;
        }

        /** Ready to be awaited again, as a step of its own. */
        void again() {
            renew();
            started = false;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            GeneratorFrame g = generator;
            CoroutineFrame<?> from;
            if (!started) {
                if (error != null) {
                    throw error; // cancelled before the step began
                }
                started = true;
                if (g.state == RUNNING) {
                    throw new IllegalStateException((closing ? "aclose()" : "hasNext()")
                            + ": the asynchronous generator is already running in another task");
                }
                if (closing) {
                    if (g.state != STOPPED) {
                        g.state = FINISHED; // never started, or over: nothing to run
                        g.ready = false;
                        return complete(null);
                    }
                    g.ready = false;
                    g.emitted = null;
                    error = new GeneratorExit();
                } else if (g.ready) {
                    return complete(Boolean.TRUE); // asked again before next(): the same answer
                } else if (g.state == FINISHED) {
                    return complete(Boolean.FALSE);
                }
                if (g.state == NOT_STARTED) {
                    g.claim();
                    from = g;
                } else {
                    from = g.top;
                }
            } else {
                from = g.top; // resumed with the outcome of the generator's own await
            }
            g.state = RUNNING;
            CoroutineFrame<?> stopped;
            try {
                stopped = CoroutineFrame.run(from, value, error);
            } catch (Throwable unexpected) {
                g.state = FINISHED; // the driver itself failed: the generator cannot go on
                throw unexpected;
            }
            if (stopped == null) {
                g.state = FINISHED;
                g.top = null;
                Throwable failure = g.failure();
                if (failure != null && !(closing && failure instanceof GeneratorExit)) {
                    throw failure;
                }
                return complete(closing ? null : Boolean.FALSE);
            }
            g.top = stopped;
            Object awaited = stopped.awaiting();
            if (awaited == g.emitPoint && g.emitPoint != null) {
                g.state = STOPPED;
                if (closing) {
                    g.state = FINISHED;
                    g.emitted = null;
                    throw new IllegalStateException("async generator ignored GeneratorExit: it emitted again"
                            + " while being closed");
                }
                g.ready = true;
                return complete(Boolean.TRUE);
            }
            return awaited; // the generator waits for a future (or yields): so does its consumer
        }

        @Override
        public String toString() {
            return "<coroutine " + (closing ? "aclose" : "hasNext") + " of " + generator + ">";
        }
    }
}
