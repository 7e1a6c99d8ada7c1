package io.jasyncio;

import io.jasyncio.internal.LoopInternals;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A single-threaded event loop with asyncio's semantics: it runs callbacks, timers and tasks,
 * one at a time, on the thread that calls {@link #runForever()} or
 * {@link #runUntilComplete(Awaitable)}.
 *
 * <p>Every method except {@link #callSoonThreadsafe}, {@link #stop()} and the getters is
 * called on the loop's thread while it runs (a call from another thread is an
 * {@link IllegalStateException}, never a silent race). Every method of a closed loop throws
 * {@code IllegalStateException("Event loop is closed")}.
 *
 * <h2>One iteration</h2>
 * <ol>
 *   <li>poll the channels watched with {@link #addReader}/{@link #addWriter} and append the
 *       callbacks of those ready to the ready queue. The poll waits: not at all if callbacks
 *       are ready or the loop is stopping, until the earliest timer otherwise, or until
 *       {@link #callSoonThreadsafe} wakes it;</li>
 *   <li>append the callbacks other threads submitted, then the due timers in
 *       ({@code when}, scheduling order) order, to the ready queue;</li>
 *   <li>run exactly the callbacks that are ready now, first in first out, skipping cancelled
 *       ones. Callbacks they schedule run in the next iteration.</li>
 * </ol>
 * {@link #stop()} lets the current iteration finish. An exception escaping a callback goes to
 * the {@linkplain #setExceptionHandler exception handler} and the loop goes on.
 *
 * <pre>{@code
 * try (EventLoop loop = EventLoop.newEventLoop()) {
 *     loop.callSoon(() -> System.out.println("hello"));
 *     loop.callLater(0.5, loop::stop);
 *     loop.runForever();
 * }
 * }</pre>
 *
 * <p>{@link #newVirtualTimeLoop()} gives a loop whose clock starts at 0 and jumps to the next
 * timer whenever nothing is ready, so code full of sleeps and timeouts is tested
 * deterministically and instantly.
 */
public final class EventLoop extends EventLoopNetworking implements AutoCloseable {
    /*
     * Implementation overview. `ready` is only touched by the loop thread; other threads hand
     * callbacks over through `remote`, a lock-free queue drained once per iteration into
     * `fromOtherThreads` (young chunks: see ReadyQueue), which the iteration runs between the
     * callbacks ready at its start and the due timers. The loop
     * polls and sleeps in `selector.select`, whose keys carry a ChannelWatch each (the
     * reader/writer handles, reused for every readiness, so I/O dispatch allocates nothing);
     * a loop with no channel registered never makes the selectNow system call. Before it
     * blocks, the loop marks `remote` asleep, so that only the first submission after that
     * pays for Selector.wakeup(), and a busy loop writes nothing submitters read. Timers live
     * in a TimerQueue: scheduling one up to two seconds ahead appends it to a bucket without
     * comparing it to any other, and a cancelled one leaves at once. The owner check reads one
     * volatile field and costs a compare on the hot path.
     */
    static final System.Logger LOG = System.getLogger("io.jasyncio");
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
    private static final long CLOCK_ORIGIN = System.nanoTime();
    /** asyncio caps a single wait at one day. */
    private static final double MAXIMUM_SELECT_TIMEOUT = 24 * 3600;

    static {
        LoopInternals.install(new LoopInternalsImpl());
    }

    private final ArrayDeque<Handle> ready = new ArrayDeque<>(256);
    /** Callbacks from other threads, taken for this iteration (see ReadyQueue for why apart). */
    private final ReadyQueue fromOtherThreads = new ReadyQueue();
    private final TimerQueue timers = new TimerQueue(this::time);
    private final RemoteQueue remote = new RemoteQueue();
    private final SelectorIo io;
    private final boolean virtualTime;
    private double virtualNow;
    private long timerSequence;

    private volatile Thread thread;
    private volatile boolean stopping;
    private volatile boolean closed;

    private final LoopReports reports = new LoopReports(this);

    /** Counts the loops made in this JVM, for their names. */
    private static final AtomicInteger LOOPS = new AtomicInteger();
    /** {@code loop-N}: how the loop's MXBean is named. */
    private final String name = "loop-" + LOOPS.incrementAndGet();
    /** The loop's MXBean while registered. */
    private LoopManagement management;
    /** The loop thread's context state while the loop runs: read on every schedule and run. */
    private ContextState contextState;

    private EventLoop(boolean virtualTime) {
        this.virtualTime = virtualTime;
        Jfr.followRecordings();
        this.io = new SelectorIo(ready, remote);
    }

    /** A new loop on the system's monotonic clock. Close it when done with it. */
    public static EventLoop newEventLoop() {
        return new EventLoop(false);
    }

    /**
     * A new loop on a virtual clock: {@link #time()} starts at 0 and, whenever no callback is
     * ready, jumps straight to the earliest timer instead of waiting for it. Sleeps and
     * timeouts then take no real time and happen in a reproducible order; I/O and callbacks
     * from other threads still work, but a pending timer is reached without waiting for them.
     */
    public static EventLoop newVirtualTimeLoop() {
        return new EventLoop(true);
    }

    // ---- scheduling ------------------------------------------------------------------------

    /** Schedules {@code callback} to run in the next iteration, after those already queued. */
    public Handle callSoon(Runnable callback) {
        return callSoon(callback, null);
    }

    /**
     * {@link #callSoon(Runnable)}, running {@code callback} in {@code context} (null: a copy of
     * the current context, as without it).
     */
    public Handle callSoon(Runnable callback, Context context) {
        checkThread();
        checkClosed();
        Runnable checked = Handle.requireCallback(callback);
        Handle handle = new Handle(ContextualCallback.wrap(context != null ? context : capturedContext(), checked));
        if (debug) {
            CreationSites.remember(handle);
        }
        queue(handle);
        return handle;
    }

    /**
     * Like {@link #callSoon}, from any thread: wakes the loop if it is waiting. Callbacks from
     * one thread run in the order submitted, each exactly once, and in one order with
     * {@code callSoon}'s from the loop's own thread. A callback still pending when the loop
     * closes never runs, and its handle reports {@linkplain Handle#cancelled() cancelled}, as
     * asyncio drops what is pending at close; a call that meets {@link #close()} either
     * returns such a handle or throws, and one made once {@code close()} has returned throws.
     * Nothing is accepted and then silently dropped, and nothing runs twice.
     *
     * @throws IllegalStateException "Event loop is closed" if the loop is closed
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        return callSoonThreadsafe(callback, null);
    }

    /**
     * {@link #callSoonThreadsafe(Runnable)}, running {@code callback} in {@code context} (null:
     * a copy of the calling thread's current context, as without it).
     */
    public Handle callSoonThreadsafe(Runnable callback, Context context) {
        checkClosed();
        Runnable checked = Handle.requireCallback(callback);
        Handle handle = new Handle(ContextualCallback.wrap(
                context != null ? context : ContextState.ofCurrentThread().copyOrNull(), checked));
        if (thread == Thread.currentThread()) {
            ready.addLast(handle); // the loop's own thread: the same queue, and order, as callSoon
            return handle;
        }
        long claim = remote.push(handle);
        if (RemoteQueue.mustWake(claim)) {
            io.wakeUp();
        }
        if (closed && !remote.claimedBeforeClose(claim)) {
            // close() took the claims before this one: nobody will ever run it, so the call
            // is refused rather than accepted and lost.
            handle.cancel();
            checkClosed();
        }
        return handle;
    }

    /** Schedules {@code callback} {@code delay} seconds from now (a delay of 0 or less: as soon as possible). */
    public TimerHandle callLater(double delay, Runnable callback) {
        return callLater(delay, callback, null);
    }

    /** {@link #callLater(double, Runnable)}, running {@code callback} in {@code context} (null: a copy of the current one). */
    public TimerHandle callLater(double delay, Runnable callback, Context context) {
        Seconds.requireNumber(delay, "delay");
        double now = time();
        TimerHandle timer = newTimer(now + delay, callback, context);
        timers.add(timer, now);
        return timer;
    }

    /** {@link #callLater(double, Runnable)} with a {@link Duration}. */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        return callLater(Seconds.of(delay), callback);
    }

    /**
     * Schedules {@code callback} at loop time {@code when} (see {@link #time()}). Timers run in
     * {@code when} order; equal ones in the order they were scheduled.
     */
    public TimerHandle callAt(double when, Runnable callback) {
        return callAt(when, callback, null);
    }

    /** {@link #callAt(double, Runnable)}, running {@code callback} in {@code context} (null: a copy of the current one). */
    public TimerHandle callAt(double when, Runnable callback, Context context) {
        Seconds.requireNumber(when, "when");
        TimerHandle timer = newTimer(when, callback, context);
        timers.add(timer);
        return timer;
    }

    private TimerHandle newTimer(double when, Runnable callback, Context context) {
        checkThread();
        checkClosed();
        Runnable checked = Handle.requireCallback(callback);
        TimerHandle timer = new TimerHandle(this, when, timerSequence++,
                ContextualCallback.wrap(context != null ? context : capturedContext(), checked));
        if (debug) {
            CreationSites.remember(timer);
        }
        return timer;
    }

    /** The loop's clock, in seconds: monotonic, of arbitrary origin (0 for a virtual-time loop). */
    public double time() {
        return virtualTime ? virtualNow : (System.nanoTime() - CLOCK_ORIGIN) * 1e-9;
    }

    // ---- running ---------------------------------------------------------------------------

    /**
     * Runs iterations until {@link #stop()} is called. A stop requested before this call makes
     * it run exactly one iteration (asyncio's "pre-stopped" idiom).
     *
     * @throws IllegalStateException if the loop is closed or already running, or another loop
     *     runs on this thread; or, when the loop would wait, if its thread is interrupted (the
     *     interrupt stays set)
     */
    public void runForever() {
        checkClosed();
        checkNotRunning();
        if (RUNNING.get() != null) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
        thread = Thread.currentThread();
        RUNNING.set(this);
        // Callbacks and task steps run in their own contexts; between them, in an empty one.
        ContextState threadContext = ContextState.ofCurrentThread();
        Context outerContext = threadContext.current;
        threadContext.current = null;
        contextState = threadContext;
        if (management == null && LoopManagement.wanted()) {
            management = LoopManagement.register(this, name);
        }
        try {
            do {
                runOnce();
            } while (!stopping);
        } finally {
            stopping = false;
            thread = null;
            contextState = null;
            threadContext.current = outerContext;
            RUNNING.remove();
        }
    }

    /**
     * Runs the loop until {@code awaitable} is done (a coroutine is wrapped in a task first)
     * and returns its result, or throws its exception as it is.
     *
     * @throws IllegalStateException "Event loop stopped before Future completed." if
     *     {@link #stop()} ended the run first; the future stays pending and a later call can
     *     finish it
     */
    public <T> T runUntilComplete(Awaitable<T> awaitable) {
        checkClosed();
        checkNotRunning();
        Future<T> future = ensureFuture(awaitable);
        Consumer<Future<T>> stopWhenDone = done -> stop();
        future.addDoneCallback(stopWhenDone);
        try {
            runForever();
        } catch (RuntimeException | Error e) {
            if (future != awaitable && future.done() && !future.cancelled()) {
                future.exception();
            }
            throw e;
        } finally {
            future.removeDoneCallback(stopWhenDone);
        }
        if (!future.done()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    /**
     * Stops the loop once the current iteration is done: the callbacks already taken for it
     * still run, those they schedule wait for the next run. Any thread may call it.
     */
    public void stop() {
        stopping = true;
        if (thread != Thread.currentThread() && remote.takeAsleepMark()) {
            io.wakeUp();
        }
    }

    /**
     * Closes the loop: drops every pending callback and timer without running it, shuts the
     * default executor down without waiting, and releases the selector. Idempotent.
     *
     * @throws IllegalStateException if the loop is running
     */
    @Override
    public void close() {
        if (thread != null) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        closed = true;
        // First, so that a thread whose submission raced this learns its fate at once.
        remote.drainClaimedTo(fromOtherThreads);
        reports.atClose();
        signalHandlers.removeAll();
        NeverAwaited.loopClosing(this);
        if (management != null) {
            management.unregister();
            management = null;
        }
        // What never ran is dropped, as asyncio's close does, and says so: cancelled() is true.
        for (Handle handle : ready) {
            handle.cancel();
        }
        ready.clear();
        for (int n = fromOtherThreads.size(); n > 0; n--) {
            fromOtherThreads.pollFirst().cancel();
        }
        timers.clear();
        defaultExecutor.shutdownNow();
        io.close();
    }

    public boolean isRunning() {
        return thread != null;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "<EventLoop running=" + isRunning() + " closed=" + closed + " debug=" + debug + ">";
    }

    // ---- for the rest of the runtime -------------------------------------------------------

    /** The loop running on the calling thread, or null. */
    static EventLoop running() {
        return RUNNING.get();
    }

    /** The timers scheduled and not yet due, cancelled ones excluded. */
    TimerQueue timers() {
        return timers;
    }

    /** The callbacks queued for the next iteration; from another thread, as seen at that moment. */
    int readyCount() {
        return ready.size() + fromOtherThreads.size();
    }

    /**
     * Fails unless the caller may touch loop-thread state: the loop is not running, or this is
     * its thread.
     */
    void checkThread() {
        Thread owner = thread;
        if (owner != null && owner != Thread.currentThread()) {
            throw new IllegalStateException(
                    "Non-thread-safe operation invoked on an event loop other than the current one"
                            + " (loop thread: " + owner.getName() + ", caller: "
                            + Thread.currentThread().getName() + "); use callSoonThreadsafe");
        }
    }

    /** Queues a runtime-internal handle (a task step or a done callback) for the next iteration. */
    void enqueue(Handle handle) {
        checkClosed();
        queue(handle);
    }

    /**
     * Queues a handle scheduled on the loop's thread, or before the loop runs. Then, callbacks
     * other threads submitted first go ahead of it, so that {@code callSoon} and
     * {@code callSoonThreadsafe} keep one order, as in asyncio, whose loop has one ready queue
     * (while the loop runs, its own thread's threadsafe calls go straight to the ready queue).
     */
    private void queue(Handle handle) {
        if (thread == null) {
            // No iteration can be draining the other threads' queue now: take it over.
            remote.drainTo(fromOtherThreads);
            for (int n = fromOtherThreads.size(); n > 0; n--) {
                ready.addLast(fromOtherThreads.pollFirst());
            }
        }
        ready.addLast(handle);
    }

    void timerCancelled(TimerHandle timer) {
        checkThread();
        timers.remove(timer);
    }

    /** Where unretrieved exceptions and other threads' reports wait for the exception handler. */
    LoopReports reports() {
        return reports;
    }

    // ---- the iteration ---------------------------------------------------------------------

    /**
     * One iteration. The callbacks it runs, in order: those ready when it starts, those other
     * threads submitted before it started, then the due timers. Whatever they schedule waits
     * for the next one.
     */
    private void runOnce() {
        waitForWork();
        int readyAtStart = ready.size();
        remote.drainTo(fromOtherThreads);
        int dueTimers = 0;
        if (!timers.isEmpty()) {
            double end = time() + 1e-9;
            TimerHandle timer;
            while ((timer = timers.pollDue(end)) != null) {
                ready.addLast(timer);
                dueTimers++;
            }
        }
        boolean timed = debug || Jfr.slowCallbackEnabled();
        Jfr.followRecordings();
        for (int n = readyAtStart; n > 0; n--) {
            run(ready.pollFirst(), timed);
        }
        for (int n = fromOtherThreads.size(); n > 0; n--) {
            run(fromOtherThreads.pollFirst(), timed);
        }
        for (int n = dueTimers; n > 0; n--) {
            run(ready.pollFirst(), timed);
        }
    }

    private void run(Handle handle, boolean timed) {
        if (timed) {
            SlowCallbacks.runTimed(this, handle);
        } else {
            runUnlessCancelled(handle);
        }
    }

    private void runUnlessCancelled(Handle handle) {
        if (!handle.cancelled()) {
            runHandle(handle);
        }
    }

    void runHandle(Handle handle) {
        try {
            handle.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            callExceptionHandler(ExceptionContext.of("Exception in callback " + handle, t).with("handle", handle));
        }
        if (ContextsInUse.inUse()) {
            ContextState state = contextState;
            if (state.current != null) {
                state.current = null; // what a callback without a context of its own set stays with it
            }
        }
    }

    /** The running loop's thread's context state; the calling thread's when the loop is not running. */
    ContextState contextState() {
        ContextState state = contextState;
        return state != null ? state : ContextState.ofCurrentThread();
    }

    /** A copy of the current context for a callback or task scheduled now, or null if it is empty. */
    Context capturedContext() {
        return ContextsInUse.inUse() ? contextState().copyOrNull() : null;
    }

    /**
     * Polls the watched channels, queueing the callbacks of those ready. Waits while nothing is
     * ready to run: until a channel is ready, a wake-up, or the earliest timer.
     */
    private void waitForWork() {
        if (!ready.isEmpty() || stopping) {
            io.pollUnlessJustFound();
            return;
        }
        TimerHandle first = timers.peek();
        if (first == null) {
            io.select(0, this);
            return;
        }
        double delay = first.when() - time();
        if (delay <= 0) {
            io.pollNow();
            return;
        }
        if (virtualTime) {
            io.pollNow();
            if (ready.isEmpty()) {
                virtualNow = first.when();
            }
        } else {
            io.select((long) Math.ceil(Math.min(delay, MAXIMUM_SELECT_TIMEOUT) * 1000), this);
        }
    }

    /** The selector and the channels it watches. */
    SelectorIo io() {
        return io;
    }

    /** Whether the calling thread is the one running this loop. */
    boolean isThisThread() {
        return thread == Thread.currentThread();
    }

    /** Whether {@link #stop()} was called and the loop has not stopped yet. */
    boolean isStopping() {
        return stopping;
    }

    void checkClosed() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed");
        }
    }

    private void checkNotRunning() {
        if (thread != null) {
            throw new IllegalStateException("This event loop is already running");
        }
    }
}
