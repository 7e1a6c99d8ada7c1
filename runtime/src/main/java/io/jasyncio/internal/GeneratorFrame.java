package io.jasyncio.internal;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.Asyncio;
import io.jasyncio.Awaitable;
import io.jasyncio.CancelledError;
import io.jasyncio.EventLoop;
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
 * {@code emit(v)} into {@link #emitValue} on its own frame, which keeps the value, and a return
 * of the marker this gives, where the driver stops as at a future that is never completed: the
 * step recognizes it. Nothing is allocated per value: the step is renewed for the next
 * {@code hasNext}.
 *
 * <p>Once the generator has stopped at an emit, a {@code hasNext} called by a task of its
 * loop runs it at once instead: the consumer, whose next move is to await
 * the answer, then finds a done future and does not step into a coroutine of its own. Only a
 * generator that fails or waits on a future then gives the consumer a step to await, which
 * throws the failure or waits where the generator does.
 */
public abstract class GeneratorFrame extends CoroutineFrame<Object>
        implements AsyncGenerator<Object>, EagerIterator {
    private static final byte NOT_STARTED = 0;
    /** Stopped at an emit whose value {@code next()} has taken. */
    private static final byte TAKEN = 1;
    /** Stopped at an emit whose value waits for {@code next()}. */
    private static final byte READY = 2;
    private static final byte RUNNING = 3;
    private static final byte FINISHED = 4;

    /** A constant, so that the check of {@link #hasNext} compiles to a field read. */
    private static final LoopInternals LOOP_INTERNALS = LoopInternals.get();

    /** What {@link #stoppedAt} gives when the generator stopped at an emit. */
    private static final Object EMITTED = new Object();
    /** What {@link #stoppedAt} gives when the generator returned. */
    private static final Object ENDED = new Object();

    private byte state = NOT_STARTED;
    /** The innermost frame of the generator's stack while it is stopped. */
    private CoroutineFrame<?> top;
    private Object emitted;
    /** The last {@code hasNext} step, renewed for the next one once it has finished. */
    private Step<Boolean> advance;
    /** Done with true and false: what {@code hasNext} gives when it ran the generator itself. */
    private Future<Boolean> yes;
    private Future<Boolean> no;
    /**
     * The thread of the task that last ran a step: the loop's. Compared with the caller's
     * thread, it tells {@code hasNext} cheaply that it is on the loop's thread, where the loop's
     * current task can be read without a barrier.
     */
    private Thread runner;
    /** The loop of the task that first ran the generator. */
    private EventLoop loop;
    /** The loop's record of the generator, from its first step until it finishes: see {@link EventLoop#shutdownAsyncgens()}. */
    private Object liveRecord;

    protected GeneratorFrame() {}

    /**
     * {@code Asyncio.emit} where the pass did not rewrite it: outside an async generator's
     * body, which is the only place a value can be emitted from.
     */
    public static IllegalStateException emitOutsideGenerator() {
        return new IllegalStateException("emit() outside an async generator: only the body of an @Async method"
                + " returning AsyncGenerator<T> can emit, and the bytecode pass rewrites it there");
    }

    /**
     * An async generator body's {@code emit(value)}: keeps the value; the body then returns what
     * this returns, where its driver stops.
     */
    @SuppressWarnings("unchecked")
    public final Awaitable<Void> emitValue(Object value) {
        emitted = value;
        return (Awaitable<Void>) (Awaitable<?>) EMIT;
    }

    /**
     * Called by the consumer's task, stopped at an emit, this runs the generator to its next
     * stop at once, as C#'s {@code MoveNextAsync} does, and gives a future done with the answer:
     * the consumer's await of it takes no step of its own. Anywhere else (the first call, a call
     * outside the loop's tasks) it gives a step that runs when it is awaited, as asyncio's
     * {@code __anext__} does.
     */
    @Override
    @SuppressWarnings("unchecked")
    public final Awaitable<Boolean> hasNext() {
        if (state == TAKEN && !(Thread.currentThread() == runner && LOOP_INTERNALS.runsTask(loop))) {
            return renewedStep(); // not called by a task of the loop: the step runs when awaited
        }
        Object answer = hasNextNow();
        return answer == Boolean.TRUE ? yes : (Awaitable<Boolean>) answer;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Rewritten code, the only caller besides {@link #hasNext()}, always runs in a task on
     * its loop's thread (the driver runs nowhere else), so this does not check where it is
     * called from: the generator runs at once wherever it stopped at an emit. {@code hasNext}
     * checks first for the callers that may be anywhere.
     */
    @Override
    public final Object hasNextNow() {
        // Kept small on purpose: the JIT inlines this method, and the generator's body with
        // it, into the consumer's loop only while its compiled code stays small, so everything
        // but the common case (the body comes round to its next emit) is in ranOnTo.
        if (state == TAKEN) {
            state = RUNNING;
            Object next;
            try {
                next = resumeHere();
            } catch (Throwable t) {
                return ranOnTo(null, t);
            }
            if (next == EMIT) {
                state = READY;
                return Boolean.TRUE;
            }
            return ranOnTo(next, null);
        }
        return renewedStep();
    }

    private Step<Boolean> renewedStep() {
        Step<Boolean> step = advance;
        if (step != null && step.isDone()) {
            step.again(); // the consumer is done with it: no allocation per value
        } else {
            step = new Step<>(this, false);
            advance = step;
        }
        return step;
    }

    /**
     * The rest of a {@code hasNext} that ran the generator at once, when its first step did not
     * end at an emit: it returned {@code next} (a future to wait on, a coroutine to await, its
     * end) or threw {@code thrown}.
     */
    private Awaitable<Boolean> ranOnTo(Object next, Throwable thrown) {
        CoroutineFrame<?> stopped;
        try {
            stopped = carryOn(this, next, thrown);
        } catch (Throwable unexpected) {
            state = FINISHED; // the driver itself failed: the generator cannot go on
            throw unexpected;
        }
        Object outcome;
        try {
            outcome = stoppedAt(stopped, false);
        } catch (Throwable failure) {
            Step<Boolean> step = renewedStep();
            step.ranAlready = true; // the step throws the failure where the consumer awaits it
            return step;
        }
        if (outcome == EMITTED) {
            return yes;
        }
        if (outcome == ENDED) {
            if (no == null) {
                no = loop.createFuture();
                no.setResult(Boolean.FALSE);
            }
            return no;
        }
        Step<Boolean> step = renewedStep();
        step.ranAlready = true; // the step waits where the generator does
        return step;
    }

    /**
     * Records where a run of the generator stopped ({@code stopped}, as {@link CoroutineFrame#run}
     * returns it) and says what that means: {@link #EMITTED}, {@link #ENDED}, or the future (or
     * {@code YIELD}) the generator waits on. Throws what the generator failed with.
     */
    private Object stoppedAt(CoroutineFrame<?> stopped, boolean closing) throws Throwable {
        if (stopped == null) {
            state = FINISHED;
            top = null;
            emitted = null;
            if (liveRecord != null) {
                LOOP_INTERNALS.generatorFinished(loop, liveRecord);
                liveRecord = null;
            }
            Throwable failure = failure();
            if (failure != null && !(closing && failure instanceof GeneratorExit)) {
                throw failure;
            }
            return ENDED;
        }
        top = stopped;
        Object awaited = stopped.awaiting();
        if (awaited == EMIT) {
            state = READY;
            if (closing) {
                state = FINISHED;
                emitted = null;
                throw new IllegalStateException("async generator ignored GeneratorExit: it emitted again"
                        + " while being closed");
            }
            return EMITTED;
        }
        return awaited; // the generator waits for a future (or yields): so does its consumer
    }

    @Override
    public final Object next() {
        if (state != READY) {
            throw new NoSuchElementException("next() without a hasNext() that completed with true");
        }
        state = TAKEN;
        return emitted; // kept until the next emit or the end: clearing it would cost a store per value
    }

    /**
     * Whether closing this generator at its pending {@code emit} may run code of its own: its
     * body has a handler (a {@code finally}, a {@code catch}, a try-with-resources). The
     * bytecode pass overrides it with false for a body without any; such a generator is not
     * tracked by its loop for {@link EventLoop#shutdownAsyncgens()}, since closing it would run
     * nothing.
     */
    public boolean runsCodeOnClose() {
        return true;
    }

    /** Whether the generator has returned, failed, or been closed: nothing is left to close. */
    public final boolean finished() {
        return state == FINISHED;
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
        /**
         * {@code hasNext} has run the generator already: it failed (thrown at the step's start),
         * or waits on a future (which the step's start awaits).
         */
        boolean ranAlready;

        Step(GeneratorFrame generator, boolean closing) {
            this.generator = generator;
            this.closing = closing;
        }

        /** Ready to be awaited again, as a step of its own. */
        void again() {
            renew();
            started = false;
            ranAlready = false;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            GeneratorFrame g = generator;
            CoroutineFrame<?> from;
            if (ranAlready) {
                ranAlready = false;
                started = true;
                if (g.state == FINISHED) {
                    if (error != null) {
                        error.addSuppressed(g.failure()); // cancelled before it was awaited: both told
                        throw error;
                    }
                    throw g.failure();
                }
                Object awaited = g.top.awaiting();
                if (error == null) {
                    return awaited;
                }
                if (error instanceof CancelledError cancel && awaited instanceof Future<?> pending) {
                    // Cancelled before it was awaited: as a task's cancel does, the future the
                    // generator waits on is cancelled, and the cancel reaches the generator there.
                    pending.cancel(cancel.getMessage());
                }
                from = g.top;
            } else if (!started) {
                if (error != null) {
                    throw error; // cancelled before the step began
                }
                started = true;
                if (g.state == RUNNING) {
                    throw new IllegalStateException((closing ? "aclose()" : "hasNext()")
                            + ": the asynchronous generator is already running in another task");
                }
                if (closing) {
                    if (g.state != TAKEN && g.state != READY) {
                        g.state = FINISHED; // never started, or over: nothing to run
                        return complete(null);
                    }
                    g.emitted = null;
                    error = new GeneratorExit();
                } else if (g.state == READY) {
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
            g.runner = Thread.currentThread();
            if (g.loop == null) {
                g.loop = Asyncio.getRunningLoop();
                g.yes = g.loop.createFuture();
                g.yes.setResult(Boolean.TRUE);
                if (g.runsCodeOnClose()) {
                    g.liveRecord = LOOP_INTERNALS.generatorStarted(g.loop, g);
                }
            }
            CoroutineFrame<?> stopped;
            try {
                stopped = CoroutineFrame.run(from, value, error);
            } catch (Throwable unexpected) {
                g.state = FINISHED; // the driver itself failed: the generator cannot go on
                throw unexpected;
            }
            Object outcome = g.stoppedAt(stopped, closing);
            if (outcome == EMITTED) {
                return complete(Boolean.TRUE);
            }
            if (outcome == ENDED) {
                return complete(closing ? null : Boolean.FALSE);
            }
            return outcome;
        }

        @Override
        public CoroutineFrame<?> stackRunInside() {
            return started && !isDone() ? generator.top : null;
        }

        @Override
        public String toString() {
            return "<coroutine " + (closing ? "aclose" : "hasNext") + " of " + generator + ">";
        }
    }
}
