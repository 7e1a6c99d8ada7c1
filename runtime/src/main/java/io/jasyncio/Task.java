package io.jasyncio;

import io.jasyncio.internal.CoroutineFrame;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A {@link Coroutine} running on an {@link EventLoop}: asyncio's {@code Task}. It is a
 * {@link Future} of the coroutine's value.
 *
 * <p>Its first step is scheduled with {@code callSoon} when it is created, so tasks start in
 * creation order, after the callbacks already queued. Each step runs the coroutine (and every
 * coroutine it awaits, inline) until it awaits a future that is not done yet; the task then
 * waits, and the future's completion schedules the next step. Awaiting a future that is
 * already done does not suspend.
 *
 * <p>{@link #cancel(String)} throws a {@link CancelledError} into the coroutine at the await
 * where it is suspended (cancelling the future it awaits); the coroutine may catch it.
 * {@link #cancelled()} becomes true only when the coroutine really ends with the
 * CancelledError. {@link #cancelling()} counts the cancel requests, {@link #uncancel()} takes
 * one back.
 *
 * <pre>{@code
 * Task<String> t = loop.createTask(download(url), "download");
 * t.addDoneCallback(done -> log(done.result()));
 * }</pre>
 *
 * @param <T> the type of the coroutine's value
 */
public class Task<T> extends Future<T> {
    /*
     * Implementation: the fields mirror asyncio's _fut_waiter, _must_cancel, _cancel_message
     * and _num_cancels_requested, and cancel()/step() follow tasks.py's algorithm line by line.
     * `top` is the frame to resume, which is the coroutine's own frame or one it awaits inline
     * (CoroutineFrame.run drives that stack). An error the next step must throw in (a bad
     * await) arrives as the outcome of a future that already failed, through `futWaiter`.
     * liveNext/livePrev link the loop's pending tasks, for allTasks(). Every field counts: a
     * task is 72 bytes with compressed oops, and 100,000 sleeping tasks must stay under 300
     * bytes each (docs/PERFORMANCE.md, tasks' memory), so the task's number lives in its step
     * handle's padding and its name is made only when asked for.
     */
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final CoroutineFrame<T> coro;
    private final TaskStep step;
    private String name;
    private CoroutineFrame<?> top;
    private Future<?> futWaiter;
    private boolean mustCancel;
    private String cancelMessage;
    private int cancelRequests;
    /** The cancelling() count when the Timeout that just expired was entered; -1 if none did. */
    private int expiredTimeoutCancelling = -1;
    /** How many timeouts expired since their cancellation was last delivered. */
    private int expiredTimeouts;
    /** The context every step runs in; null while it is empty and nothing has set anything in it. */
    private Context context;
    Task<?> liveNext;
    Task<?> livePrev;

    Task(EventLoop loop, CoroutineFrame<T> coro, String name, Context context, boolean eager) {
        super(loop);
        this.context = context;
        coro.claim();
        this.coro = coro;
        this.top = coro;
        this.name = name;
        this.step = new TaskStep(this, COUNTER.incrementAndGet());
        if (loop.getDebug()) {
            CreationSites.remember(this);
        }
        loop.taskStarted(this);
        if (Jfr.taskEventsWanted()) {
            Jfr.taskCreated(this);
        }
        if (eager) {
            // Python 3.12's eager start: the first step now, inside whatever task created this one.
            Task<?> creator = loop.swapCurrentTask(null);
            try {
                step();
            } finally {
                loop.swapCurrentTask(creator);
            }
        } else {
            loop.enqueue(step);
        }
    }

    /** The context every step of this task runs in: asyncio's {@code Task.get_context()}. */
    public final Context getContext() {
        if (context == null) {
            context = new Context(ContextMap.EMPTY);
        }
        return context;
    }

    /** The number this task's default name {@code Task-N} carries, named or not. */
    final int id() {
        return step.number;
    }

    /**
     * The task's name: the one given, or {@code Task-N}, N counting the tasks created in this
     * JVM (modulo 2<sup>32</sup>).
     */
    public final String getName() {
        if (name == null) {
            name = "Task-" + Integer.toUnsignedString(step.number);
        }
        return name;
    }

    public final void setName(String name) {
        this.name = String.valueOf(name);
    }

    /** The coroutine this task runs. */
    public final Coroutine<T> getCoro() {
        return coro;
    }

    /**
     * Where the task's coroutines are: for a suspended task, one element per coroutine awaiting
     * inline, oldest first (the task's own coroutine, then the one it awaits, and so on to the
     * await it is suspended at, into an async generator it is stepping); for the running task
     * asked from its own code, the same chain
     * down to the line running now; empty once the task is done. Elements come from frames the
     * bytecode pass generated; hand-written coroutines contribute none.
     */
    public final List<StackTraceElement> getStack() {
        if (top != null && EventLoop.running() == loop && loop.currentTask() == this) {
            return runningStack();
        }
        List<StackTraceElement> stack = new ArrayList<>();
        addLocations(top, stack);
        Collections.reverse(stack);
        return stack;
    }

    /**
     * The locations of the chain from {@code frame} along its callers, innermost first; a frame
     * that runs a stack of its own as its await (an async generator's step) gives that stack's
     * first.
     */
    private static void addLocations(CoroutineFrame<?> frame, List<StackTraceElement> innermostFirst) {
        for (; frame != null; frame = frame.caller()) {
            addLocations(frame.stackRunInside(), innermostFirst);
            StackTraceElement location = frame.location();
            if (location != null) {
                innermostFirst.add(location);
            }
        }
    }

    /**
     * The stack of this task while it runs, called from its own code: the coroutine methods on
     * the Java stack (found by their bodies' descriptors), then the ones the driver will resume
     * after them. Those are the frames from the one this step resumed along the caller links,
     * past the ones that have ended and past the outermost method already on the Java stack.
     */
    private List<StackTraceElement> runningStack() {
        // Newer JDKs give a frame's descriptor only to a walker that keeps class references.
        List<StackTraceElement> onJavaStack = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames
                        .filter(frame -> isCoroutineBody(frame.getDescriptor()))
                        .map(StackWalker.StackFrame::toStackTraceElement)
                        .collect(Collectors.toList()));
        List<StackTraceElement> innermostFirst = new ArrayList<>(onJavaStack);
        CoroutineFrame<?> frame = top;
        while (frame != null && frame.isDone()) {
            frame = frame.caller();
        }
        if (frame != null && !onJavaStack.isEmpty() && sameMethod(frame.location(), onJavaStack.get(onJavaStack.size() - 1))) {
            frame = frame.caller();
        }
        for (; frame != null; frame = frame.caller()) {
            StackTraceElement location = frame.location();
            if (location != null) {
                innermostFirst.add(location);
            }
        }
        Collections.reverse(innermostFirst);
        return innermostFirst;
    }

    /**
     * A rewritten {@code @Async} method's body: its descriptor ends with the frame (a class
     * named {@code Host$$method$N}), the awaited value and the error, returning Object, as the
     * bytecode pass writes it.
     */
    private static boolean isCoroutineBody(String descriptor) {
        return descriptor.endsWith(";Ljava/lang/Object;Ljava/lang/Throwable;)Ljava/lang/Object;")
                && descriptor.contains("$$");
    }

    private static boolean sameMethod(StackTraceElement a, StackTraceElement b) {
        return a != null && a.getClassName().equals(b.getClassName()) && a.getMethodName().equals(b.getMethodName());
    }

    /** The future this suspended task waits for, or null. */
    final Future<?> waitingFor() {
        return done() ? null : futWaiter;
    }

    /**
     * Between steps, the last element {@link #getStack()} would give (the innermost coroutine's
     * await, or its first line before it starts), without building the stack; null if none.
     */
    final StackTraceElement innermostLocation() {
        return innermostLocation(top);
    }

    private static StackTraceElement innermostLocation(CoroutineFrame<?> frame) {
        for (; frame != null; frame = frame.caller()) {
            StackTraceElement inside = innermostLocation(frame.stackRunInside());
            if (inside != null) {
                return inside;
            }
            StackTraceElement location = frame.location();
            if (location != null) {
                return location;
            }
        }
        return null;
    }

    /** {@link #printStack(PrintStream)} to {@code System.err}. */
    public final void printStack() {
        printStack(System.err);
    }

    /**
     * Prints {@link #getStack()} in asyncio's format, with the source text of each await from
     * the processor's generated await-site tables:
     * <pre>
     * Stack for &lt;Task pending name='Task-1' coro=&lt;Greeter.both() running at Greeter.java:24&gt; wait_for=...&gt; (most recent call last):
     *   File "Greeter.java", line 24, in io.jasyncio.examples.Greeter.both
     *     await(a)
     * </pre>
     */
    public final void printStack(PrintStream out) {
        List<StackTraceElement> stack = getStack();
        StringBuilder text = new StringBuilder();
        if (stack.isEmpty()) {
            text.append("No stack for ").append(this);
        } else {
            text.append("Stack for ").append(this).append(" (most recent call last):");
        }
        ClassLoader loader = coro.getClass().getClassLoader();
        for (StackTraceElement location : stack) {
            text.append("\n  File \"").append(location.getFileName()).append("\", line ")
                    .append(location.getLineNumber()).append(", in ")
                    .append(location.getClassName()).append('.').append(location.getMethodName());
            String source = AwaitSiteTable.sourceAt(location, loader);
            if (source != null) {
                text.append("\n    ").append(source);
            }
        }
        out.println(text);
    }

    /**
     * Asks the task to cancel itself: a {@link CancelledError} with {@code msg} is thrown into
     * its coroutine at the await where it is suspended (the future it awaits is cancelled at
     * once), or, if it has not started, before its body runs.
     *
     * @return false if the task is already done, true otherwise (also for a repeated request)
     */
    @Override
    public final boolean cancel(String msg) {
        loop.checkThread();
        if (done()) {
            return false;
        }
        cancelRequests++;
        if (futWaiter != null && futWaiter.cancel(msg)) {
            return true;
        }
        mustCancel = true;
        cancelMessage = msg;
        return true;
    }

    /** The number of cancel requests not taken back by {@link #uncancel()}. */
    public final int cancelling() {
        return cancelRequests;
    }

    /** Takes back one cancel request (never below zero); returns how many remain. */
    public final int uncancel() {
        if (cancelRequests > 0) {
            cancelRequests--;
        }
        return cancelRequests;
    }

    /** @throws IllegalStateException always: a task's result is its coroutine's value */
    @Override
    public final void setResult(T value) {
        throw new IllegalStateException("Task does not support set_result operation");
    }

    /** @throws IllegalStateException always: a task's exception is its coroutine's */
    @Override
    public final void setException(Throwable exception) {
        throw new IllegalStateException("Task does not support set_exception operation");
    }

    /**
     * asyncio's form: {@code <Task pending name='w' coro=<Host.m() running at Host.java:29>
     * wait_for=<Future pending>>}. A pending task names the line its coroutine is at (the
     * await it is suspended at, or its first line before it starts) and the future it waits
     * for; a done one its result or exception.
     */
    @Override
    public String toString() {
        String state = describeState();
        int space = state.indexOf(' ');
        String head = space < 0 ? state : state.substring(0, space);
        String tail = space < 0 ? "" : state.substring(space);
        String waitFor = futWaiter != null && !done() ? " wait_for=" + futWaiter : "";
        return "<Task " + head + " name='" + getName() + "' coro=" + describeCoro() + tail + waitFor + ">";
    }

    /** {@code <Host.m() running at Host.java:29>} while pending, where the bytecode pass knows the line. */
    private String describeCoro() {
        StackTraceElement at = done() ? null : coro.location();
        if (at == null) {
            return coro.toString();
        }
        String className = at.getClassName();
        return "<" + className.substring(className.lastIndexOf('.') + 1) + "." + at.getMethodName()
                + "() running at " + at.getFileName() + ":" + at.getLineNumber() + ">";
    }

    @Override
    String kind() {
        return "Task";
    }

    /** One step: collect what the awaited future gave, run the frames, then finish or wait. */
    final void step() {
        if (done()) {
            return;
        }
        Object value = null;
        Throwable error = null;
        Future<?> waited = futWaiter;
        if (waited != null) {
            futWaiter = null;
            try {
                value = waited.result();
            } catch (Throwable t) {
                error = t;
            }
        }
        if (mustCancel) {
            if (!(error instanceof CancelledError)) {
                error = new CancelledError(cancelMessage);
            }
            mustCancel = false;
        }
        if (expiredTimeoutCancelling >= 0 && error instanceof CancelledError cancel) {
            error = timeoutOrCancel(cancel);
        }
        CoroutineFrame<?> suspended;
        // The step runs in the task's context. Until a program uses contexts, every one is empty
        // (null) and this costs nothing; after, both are still null in the common case, and
        // then nothing is written.
        Context outer = null;
        if (ContextsInUse.inUse()) {
            ContextState contexts = loop.contextState();
            outer = contexts.current;
            if (context != outer) {
                contexts.current = context;
            }
        }
        loop.enterTask(this);
        try {
            suspended = CoroutineFrame.run(top, value, error);
        } finally {
            loop.leaveTask(this);
            if (ContextsInUse.inUse()) {
                ContextState contexts = loop.contextState();
                Context after = contexts.current;
                if (after != outer) {
                    context = after; // one the step created by setting a variable stays the task's
                    contexts.current = outer;
                }
            }
        }
        if (suspended == null) {
            complete();
            if (Jfr.taskEventsWanted()) {
                Jfr.taskDone(this);
            }
        } else {
            top = suspended;
            Object awaited = suspended.awaiting();
            waitFor(awaited);
            if (Jfr.taskEventsWanted()) {
                Jfr.taskSuspended(this, awaited);
            }
        }
    }

    /** A Timeout of this task expired: cancel it, delivering the cancellation as a TimeoutError. */
    final void cancelForTimeout(int cancellingAtEntry) {
        // Nested timeouts may expire together: the outermost one's entry count is the one that
        // says whether anyone else asked for a cancel too.
        expiredTimeoutCancelling = expiredTimeoutCancelling < 0
                ? cancellingAtEntry : Math.min(expiredTimeoutCancelling, cancellingAtEntry);
        expiredTimeouts++;
        cancel(null);
    }

    /**
     * The expired timeouts' cancellation arrives as a {@link TimeoutError}, unless someone
     * else also asked to cancel the task: then it stays a plain {@link CancelledError}. With
     * nested timeouts that expired together, it is a {@code TimeoutError} too, as the
     * outermost one's exit raises in asyncio.
     */
    private CancelledError timeoutOrCancel(CancelledError cancel) {
        boolean onlyTimeouts = cancelRequests <= expiredTimeoutCancelling + expiredTimeouts;
        expiredTimeoutCancelling = -1;
        expiredTimeouts = 0;
        if (!onlyTimeouts || cancel instanceof TimeoutError) {
            return cancel;
        }
        TimeoutError timeout = new TimeoutError();
        timeout.initCause(cancel);
        return timeout;
    }

    private void complete() {
        top = null;
        loop.taskEnded(this);
        Throwable failure = coro.failure();
        if (failure instanceof CancelledError cancel && !(failure instanceof TimeoutError)) {
            cancelWith(cancel.getMessage(), cancel);
        } else if (failure != null) {
            finish(null, failure);
            if (failure instanceof VirtualMachineError fatal) {
                throw fatal;
            }
        } else if (mustCancel) {
            cancelWith(cancelMessage, null);
        } else {
            @SuppressWarnings("unchecked")
            T value = (T) coro.value();
            finish(value, null);
        }
    }

    private void waitFor(Object awaited) {
        if (awaited == CoroutineFrame.YIELD) {
            loop.enqueue(step);
            return;
        }
        Future<?> future = (Future<?>) awaited;
        if (future.loop != loop) {
            resumeWithError(new IllegalStateException(
                    "Task " + this + " got Future " + future + " attached to a different loop"));
        } else if (future == this) {
            resumeWithError(new IllegalStateException("Task cannot await on itself: " + this));
        } else {
            future.addWakeup(step);
            futWaiter = future;
            if (mustCancel && future.cancel(cancelMessage)) {
                mustCancel = false;
            }
        }
    }

    private void resumeWithError(Throwable error) {
        Future<?> failed = new Future<>(loop);
        failed.finish(null, error);
        futWaiter = failed;
        loop.enqueue(step);
    }
}
