package io.jasyncio.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

import io.jasyncio.Awaitable;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;

/**
 * One call of an {@code @Async} method: the object the call returns, and the place where the
 * method keeps its resume point and the values that live across its awaits. <strong>Not for
 * users</strong>: subclasses are written by the jasyncio bytecode pass (and, inside the
 * runtime, by hand for a few built-in coroutines such as {@code sleep}).
 *
 * <h2>The contract between a frame and its driver</h2>
 * A {@link io.jasyncio.Task} drives a <em>stack</em> of frames with {@link #run}: the frame at
 * the bottom is the task's coroutine, the frame on top is the one currently executing. The
 * driver calls {@link #resume(Object, Throwable)} on the top frame, which runs the method's
 * code from its current resume point up to its next await or its end, and returns what it
 * wants next:
 * <ul>
 *   <li>a {@link Future} (or {@code Task}): "my await needs this future's outcome". A future
 *       that is already done costs nothing: {@code run} resumes the frame at once with its
 *       result. A pending one suspends the whole stack until it is done.</li>
 *   <li>another {@code CoroutineFrame}: "await this coroutine". It is pushed on top of the
 *       stack and runs inline in the same task, as asyncio runs an awaited coroutine; when it
 *       ends, this frame is resumed with its value or exception.</li>
 *   <li>{@link #YIELD}: give up the thread for exactly one loop iteration ({@code sleep(0)}).</li>
 *   <li>the value of {@link #complete(Object)}: the method returned.</li>
 * </ul>
 * Throwing from {@code resume} ends the frame with that exception, which is rethrown, as the
 * same object, at the await of the frame below it (or fails the task).
 *
 * <p>The next {@code resume} call delivers the outcome of what the frame asked for:
 * {@code value} is the result of the awaited future or coroutine, or {@code error} is
 * non-null and must be thrown, unchanged, at the await point (this is how exceptions and
 * {@link io.jasyncio.CancelledError} arrive where the user wrote {@code await}). The first
 * call passes no value; a non-null {@code error} on the first call (a task cancelled before
 * it started) must be thrown before any of the method's code runs.
 *
 * <p>Rewritten methods await a coroutine through {@link #awaitFrom}: it runs nested on the
 * Java stack under the awaiting method, as a plain call would, so that an exception's trace
 * and a debugger's view hold every awaiting method. When the nested coroutine suspends, each
 * awaiting method saves its state and returns {@link #SUSPENDED}, unwinding the Java stack to
 * the driver; on resumption the driver continues each awaiting frame in turn, and adds each
 * one an exception passes through to its stack trace ({@link AsyncStackTrace}). Past
 * {@code MAX_INLINE_DEPTH} nested awaits the driver runs the callee in its own loop instead,
 * so a chain of 100,000 nested awaits uses a bounded amount of Java stack. Awaiting a
 * coroutine that completes without suspending allocates nothing beyond its frame.
 *
 * <h2>Example</h2>
 * A hand-written frame for {@code @Async Coroutine<Integer> twice(Future<Integer> f) { int
 * x = await(f); return result(2 * x); }}:
 * <pre>{@code
 * final class Twice extends CoroutineFrame<Integer> {
 *     private final Future<Integer> f;
 *     private int label;
 *     Twice(Future<Integer> f) { this.f = f; }
 *
 *     protected Object resume(Object value, Throwable error) throws Throwable {
 *         if (error != null) throw error;          // at the await point (or before the body)
 *         switch (label) {
 *             case 0: label = 1; return f;         // await(f)
 *             case 1: return complete(2 * (Integer) value);
 *             default: throw new IllegalStateException();
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>A frame runs at most once: awaiting it or wrapping it in a task a second time is an
 * error, as reusing a Python coroutine object is.
 */
public abstract class CoroutineFrame<T> implements Coroutine<T> {

    private static final MethodHandle IGNORE_FRAME;
    private static final MethodHandle LIFE_WATCH_CREATED;
    private static final MethodHandle LIFE_WATCH_STARTED;

    static {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodType ofFrame = MethodType.methodType(void.class, CoroutineFrame.class);
        try {
            IGNORE_FRAME = lookup.findStatic(CoroutineFrame.class, "ignore", ofFrame);
            LIFE_WATCH_CREATED = lookup.findVirtual(LifeWatch.class, "created", ofFrame);
            LIFE_WATCH_STARTED = lookup.findVirtual(LifeWatch.class, "started", ofFrame);
            firstStep = lookup.findVirtual(CoroutineFrame.class, "resume",
                    MethodType.methodType(Object.class, Object.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Returned by {@link #resume} to yield the thread for one loop iteration. */
    public static final Object YIELD = new Marker("YIELD");

    /**
     * Returned by an async generator's body where it stops at an emit; the driver stops there
     * as it does at a pending future, which nothing completes: the generator's consumer goes on.
     */
    static final Marker EMIT = new Marker("EMIT");

    /**
     * Returned by {@link #awaitFrom} and then by the awaiting method: it is suspended at its
     * recorded label, below a coroutine that suspended (or that the driver must run).
     */
    public static final Object SUSPENDED = new Marker("SUSPENDED");

    /**
     * How many coroutines may await each other nested on the Java stack before the driver takes
     * over: deep enough for any hand-written chain, shallow enough for any thread's stack.
     */
    static final int MAX_INLINE_DEPTH = 32;

    private static final Object COMPLETED = new Marker("COMPLETED");

    /** Passed to the driver as the error: the frame was just resumed, and the value is what it returned. */
    private static final Throwable AFTER_RESUME = new Throwable("after resume", null, false, false) {};

    /*
     * The first step of a coroutine whose method has a loop is resumed through this handle,
     * which is deliberately not final: the JIT cannot see through a call of a handle it does not
     * know, so it compiles the coroutine's code on its own instead of inlining it into the
     * driver. A loop may do all its work in one step (over an async generator, whose body runs
     * inline, or over lines already buffered), and it then runs in code compiled for it alone.
     * Inlined into the driver, such a loop ran 15-30% slower: with the driver's own values live
     * around it, the compiled loop kept some of its own (a running sum) on the stack instead of
     * in registers.
     * The handle costs a few nanoseconds a call, so a method without a loop, which returns to
     * the driver after a few instructions, keeps the plain virtual call, as do later steps. A
     * second call site for the first step alone did not help: it was inlined in the same way.
     */
    private static MethodHandle firstStep; // not final: see above

    private static final byte NEW = 0;
    private static final byte STARTED = 1;
    private static final byte RETURNED = 2;
    private static final byte FAILED = 3;

    /** The frame that awaits this one: the next one down the stack, null at the bottom. */
    private CoroutineFrame<?> caller;
    /** While suspended: the pending future or {@link #YIELD} this frame waits on. */
    private Object awaiting;
    /** The return value once RETURNED, the exception once FAILED. */
    private Object outcome;
    private byte lifecycle = NEW;
    /** The method has a loop: its first step is resumed apart from the driver (see {@link #run}). */
    private boolean loops;
    /**
     * Where the code running this frame sits on the Java stack: in the low byte, how many inline
     * awaits it is nested in; above it, how many driver loops are below the one that runs it.
     * Set when the frame starts; a frame resumed later by a loop nearer the stack's base keeps
     * the deeper figure, which only makes it nest less (a crossing's own loop comes from the
     * driver itself).
     */
    private int nest;

    /**
     * What debug mode watches in every frame's life: its creation and its start (awaited, or
     * given to a task).
     */
    public interface LifeWatch {
        void created(CoroutineFrame<?> frame);

        void started(CoroutineFrame<?> frame);
    }

    /*
     * The watch is reached through two call sites whose targets start as methods that do
     * nothing. The JIT compiles a call through a MutableCallSite as a call of its current
     * target and inlines the empty one, so a frame pays nothing while no loop has entered debug
     * mode; installing the watch retargets the sites and deoptimizes the code that inlined them.
     * (A plain static field read and a branch at each creation and start halved the throughput
     * of a chain of 1,000 awaits: the constructor and the start were no longer trivial.)
     */
    private static final MutableCallSite CREATED = new MutableCallSite(IGNORE_FRAME);
    private static final MutableCallSite STARTED_SITE = new MutableCallSite(IGNORE_FRAME);
    private static final MethodHandle ON_CREATED = CREATED.dynamicInvoker();
    private static final MethodHandle ON_STARTED = STARTED_SITE.dynamicInvoker();

    /** Installs the watch for every frame created from now on (the loop does, in debug mode). */
    public static void watchLives(LifeWatch watch) {
        MethodHandle created = LIFE_WATCH_CREATED.bindTo(watch);
        MethodHandle started = LIFE_WATCH_STARTED.bindTo(watch);
        CREATED.setTarget(created);
        STARTED_SITE.setTarget(started);
        MutableCallSite.syncAll(new MutableCallSite[] {CREATED, STARTED_SITE});
    }

    protected CoroutineFrame() {
        try {
            ON_CREATED.invokeExact((CoroutineFrame<?>) this);
        } catch (Throwable t) {
            throw Throwables.sneakyThrow(t);
        }
    }

    /** The frame leaves NEW: awaited or given to a task. */
    private void started() {
        lifecycle = STARTED;
        try {
            ON_STARTED.invokeExact((CoroutineFrame<?>) this);
        } catch (Throwable t) {
            throw Throwables.sneakyThrow(t);
        }
    }

    /**
     * Makes a finished frame new again, to be awaited once more: for a frame the runtime alone
     * holds and awaits over and over (an async generator's step), so that a value through a
     * generator allocates nothing.
     *
     * @throws IllegalStateException if the frame has not finished
     */
    final void renew() {
        if (lifecycle != RETURNED && lifecycle != FAILED) {
            throw new IllegalStateException("a frame can be renewed only once it has finished: " + this);
        }
        lifecycle = NEW;
        caller = null;
        awaiting = null;
        outcome = null;
        nest = 0;
    }

    /**
     * Called by the constructor of a frame whose method has a loop, which may run for long in
     * one step: {@link #run} then resumes its first step in the method's own compiled code.
     */
    protected final void markLoop() {
        loops = true;
    }

    @SuppressWarnings("unused")  // the call sites' first target
    private static void ignore(CoroutineFrame<?> frame) {}

    /**
     * Runs this frame from its resume point to its next await or its end.
     *
     * @param value the result of the awaited future or coroutine; null on the first call
     * @param error when non-null, to be thrown at the resume point as it is
     * @return a {@link Future} or {@code CoroutineFrame} to await, {@link #YIELD}, or the value
     *     of {@link #complete(Object)}
     * @throws Throwable whatever the method throws; it ends the frame
     */
    protected abstract Object resume(Object value, Throwable error) throws Throwable;

    /**
     * Ends this frame with {@code value}; {@code resume} returns what this returns. Public
     * because rewritten code runs the method body in the host class, not in the frame.
     */
    public final Object complete(Object value) {
        outcome = value;
        return COMPLETED;
    }

    /**
     * Marks this frame as taken by a task, which will run it.
     *
     * @throws IllegalStateException if the frame was already awaited or given to a task
     */
    public final void claim() {
        if (lifecycle != NEW) {
            throw new IllegalStateException("cannot reuse already awaited coroutine " + this);
        }
        started();
    }

    /** True once the frame has returned or thrown. */
    public final boolean isDone() {
        return lifecycle >= RETURNED;
    }

    /** The exception the frame ended with, or null if it returned (or has not ended). */
    public final Throwable failure() {
        return lifecycle == FAILED ? (Throwable) outcome : null;
    }

    /** The value the frame returned, or null if it threw (or has not ended). */
    public final Object value() {
        return lifecycle == RETURNED ? outcome : null;
    }

    /** While suspended: the pending {@link Future} or {@link #YIELD} this frame waits on. */
    public final Object awaiting() {
        return awaiting;
    }

    /**
     * Where this frame's method is suspended (or, before it starts, its first line), for
     * {@link io.jasyncio.Task#getStack()}; null when unknown. Generated frames override it.
     */
    public StackTraceElement location() {
        return null;
    }

    /**
     * The innermost frame of a stack this frame runs as part of its own await, while that stack
     * is suspended (an async generator's step: the generator's frames), or null; for
     * {@link io.jasyncio.Task#getStack()}.
     */
    public CoroutineFrame<?> stackRunInside() {
        return null;
    }

    /**
     * The result of a future that is already done, awaited by this frame's method at the await
     * it has just recorded as its resume label: rewritten code calls this on the path that does
     * not suspend. A failure is thrown as it is, with this await written into its stack trace
     * as the driver does for every await an exception crosses.
     */
    public final Object doneResult(Future<?> future) {
        try {
            return future.result();
        } catch (Throwable t) {
            if (AsyncStackTrace.ENABLED) {
                AsyncStackTrace.crossing(t, this, true, loop());
            }
            throw t;
        }
    }

    /**
     * The frame that awaits this one, or null if this is the bottom of its stack (or it was
     * awaited inline and did not suspend). An ended frame keeps the link, so that the stack of a
     * running task can be followed from the frame its step resumed.
     */
    public final CoroutineFrame<?> caller() {
        return caller;
    }

    /**
     * Drives the stack whose top is {@code top} until it suspends or its bottom frame ends.
     * {@code top} must have been {@linkplain #claim() claimed} or be a suspended frame, and
     * {@code value}/{@code error} are what its pending await produced.
     *
     * @return the frame that suspended (its {@link #awaiting()} says on what), or null when the
     *     bottom frame has ended (its {@link #failure()} or {@link #value()} says how)
     */
    public static CoroutineFrame<?> run(CoroutineFrame<?> top, Object value, Throwable error) {
        if (error != null || top.awaiting != null || !top.loops) {
            return drive(top, value, error, 0); // resumed where it waited, or a method without a loop
        }
        // The first step of a claimed frame (or a generator's) whose method loops, resumed apart
        // from the driver (see firstStep). Never resumed, it has no caller: it is a bottom frame.
        top.nest = 0;
        Object next;
        try {
            next = (Object) firstStep.invokeExact(top, value, (Throwable) null);
        } catch (Throwable t) {
            return carryOn(top, null, t);
        }
        return carryOn(top, next, null);
    }

    /**
     * Resumes this frame, suspended at the bottom of its stack, with no value, here on the
     * caller's Java stack: an async generator's {@code hasNext} does, to look at what the frame
     * returned before {@link #carryOn} drives the rest as {@link #run} would. {@link #awaiting}
     * keeps what the frame waited on: an emit's future, which it waits on again when it stops at
     * its next emit; the driver sets it for anything else it stops on.
     */
    final Object resumeHere() throws Throwable {
        return resume(null, null);
    }

    /**
     * Goes on, as {@link #run} would, from a step taken outside the driver on {@code bottom}, a
     * frame with no caller (by {@link #resumeHere}, or by {@code run} for a first step): it
     * returned {@code next}, or threw {@code thrown}. Returns as {@code run} does.
     */
    static CoroutineFrame<?> carryOn(CoroutineFrame<?> bottom, Object next, Throwable thrown) {
        if (thrown != null) {
            bottom.lifecycle = FAILED;
            bottom.outcome = thrown;
            return null;
        }
        return drive(bottom, next, AFTER_RESUME, bottom.nest);
    }

    /**
     * Whether this frame's method may await a coroutine through {@link #awaitFrom}: false
     * past {@link #MAX_INLINE_DEPTH} nested awaits, where the method hands the coroutine to the
     * driver instead, as it hands it a pending future.
     */
    public final boolean canAwaitInline() {
        return (nest & 0xFF) < MAX_INLINE_DEPTH;
    }

    /** How many driver loops are on the Java stack below the one running this frame. */
    final int loop() {
        return nest >>> 8;
    }

    /**
     * Awaits this coroutine from {@code caller}'s method, at the await that method has just
     * recorded as its resume label: rewritten code calls this for every await of a coroutine
     * while {@code caller.canAwaitInline()}. The coroutine runs here, nested on the Java stack
     * under the awaiting method, so that a failure's stack trace holds every awaiting method as
     * a synchronous call's would, and a debugger's step over the await stops on the next line.
     * Generated frames override this to call their method's body directly, one Java frame
     * fewer; both run {@link #startInline}, then the first step, then {@link #inlineReturned}
     * or {@link #inlineFailed}.
     *
     * @return the coroutine's value; or {@link #SUSPENDED}: its stack suspended, and the
     *     awaiting method must save its state and return {@code SUSPENDED} itself; it will be
     *     resumed at its recorded label with the outcome. Throws the coroutine's failure as it
     *     is (checked or not), or an {@code IllegalStateException} if it was awaited before.
     */
    public Object awaitFrom(CoroutineFrame<?> caller) {
        caller.startInline(this);
        Object next;
        try {
            next = resume(null, null);
        } catch (Throwable t) {
            throw caller.inlineFailed(this, t);
        }
        return caller.inlineReturned(this, next);
    }

    /**
     * Starts {@code callee}, awaited inline by this frame's method; {@link #awaitFrom} calls it
     * first. The callee gets no caller link while it runs nested: a nested driver stops when it
     * ends, as at the bottom of a stack. The link is made only if it suspends.
     *
     * @throws IllegalStateException if the callee was awaited before
     */
    public final void startInline(CoroutineFrame<?> callee) {
        if (callee.lifecycle != NEW) {
            throw new IllegalStateException("cannot reuse already awaited coroutine " + callee);
        }
        callee.started();
        callee.nest = nest + 1;
    }

    /**
     * What {@link #awaitFrom} returns once {@code callee}'s first step returned {@code next}:
     * its value if it completed; else it is driven here until it completes (its value), fails
     * (thrown) or suspends ({@link #SUSPENDED}).
     */
    public final Object inlineReturned(CoroutineFrame<?> callee, Object next) {
        if (next == COMPLETED) {
            callee.lifecycle = RETURNED;
            return callee.outcome;
        }
        CoroutineFrame<?> suspended = drive(callee, next, AFTER_RESUME, nest + 1 + (1 << 8));
        if (suspended != null) {
            callee.caller = this;
            awaiting = suspended;
            return SUSPENDED;
        }
        if (callee.lifecycle == FAILED) {
            throw inlineFailed(callee, (Throwable) callee.outcome);
        }
        return callee.outcome;
    }

    /**
     * Ends {@code callee}, awaited inline by this frame's method, with {@code failure}, and
     * throws it on into that method, as it is.
     */
    public final RuntimeException inlineFailed(CoroutineFrame<?> callee, Throwable failure) {
        callee.lifecycle = FAILED;
        callee.outcome = failure;
        if (AsyncStackTrace.ENABLED) {
            AsyncStackTrace.leavingInline(failure, this);
        }
        throw Throwables.sneakyThrow(failure);
    }

    /**
     * The driver loop: resumes {@code frame} with {@code value}/{@code error} and acts on what
     * it returns, frame after frame, until one suspends (returned) or the frame with no caller
     * ends (null: the task's coroutine, or the one an inline await runs). With {@code error}
     * {@link #AFTER_RESUME}, {@code frame} has just been resumed and {@code value} is what it
     * returned. {@code nest} is where the loop sits on the Java stack, as the {@link #nest} it
     * gives the frames it starts.
     */
    private static CoroutineFrame<?> drive(CoroutineFrame<?> frame, Object value, Throwable error, int nest) {
        // An error at the start came from a future (a task waking); later, from the frame above.
        boolean fromFuture = true;
        frame.nest = nest;
        for (;;) {
            Object next;
            try {
                if (error == null) {
                    frame.awaiting = null;
                    next = frame.resume(value, null);
                } else if (error == AFTER_RESUME) {
                    next = value;  // and awaiting may hold what it suspended below
                } else {
                    frame.awaiting = null;
                    if (AsyncStackTrace.ENABLED) {
                        AsyncStackTrace.crossing(error, frame, fromFuture, nest >>> 8);
                    }
                    next = frame.resume(null, error);
                }
            } catch (Throwable t) {
                frame.lifecycle = FAILED;
                frame.outcome = t;
                CoroutineFrame<?> caller = frame.caller;
                if (caller == null) {
                    return null;
                }
                frame = caller;
                value = null;
                error = t;
                fromFuture = false;
                continue;
            }
            value = null;
            error = null;
            if (next == COMPLETED) {
                frame.lifecycle = RETURNED;
                CoroutineFrame<?> caller = frame.caller;
                if (caller == null) {
                    return null;
                }
                value = frame.outcome;
                frame = caller;
            } else if (next instanceof CoroutineFrame<?> callee) {
                if (callee.lifecycle != NEW) {
                    error = new IllegalStateException("cannot reuse already awaited coroutine " + callee);
                    fromFuture = false;
                } else {
                    callee.started();
                    callee.caller = frame;
                    callee.nest = nest;
                    frame = callee;
                }
            } else if (next instanceof Future<?> future) {
                if (!future.done()) {
                    frame.awaiting = future;
                    return frame;
                }
                try {
                    value = future.result();
                } catch (Throwable t) {
                    error = t;
                    fromFuture = true;
                }
            } else if (next == SUSPENDED) {
                CoroutineFrame<?> innermost = (CoroutineFrame<?>) frame.awaiting;
                frame.awaiting = null;
                return innermost;
            } else if (next == YIELD || next == EMIT) {
                frame.awaiting = next;
                return frame;
            } else {
                error = new IllegalStateException(
                        "coroutine " + frame + " awaited " + next + ", which is not awaitable");
                fromFuture = false;
            }
        }
    }

    /** Awaitable only so that an emit can give one where the body awaits it. */
    static final class Marker implements Awaitable<Object> {
        private final String name;

        Marker(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
