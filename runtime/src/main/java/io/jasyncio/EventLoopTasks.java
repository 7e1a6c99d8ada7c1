package io.jasyncio;

import io.jasyncio.internal.CoroutineFrame;
import java.util.Set;

/**
 * The futures and tasks of {@link EventLoop}: making them (through the task factory, if one is
 * set), the tasks alive, and the one running now. Every public method here is one of
 * {@code EventLoop}'s, and is documented there; this class keeps them apart so that
 * {@code EventLoop.java} holds the loop itself. The current task is a plain field of the loop,
 * written by each task step on the loop's thread.
 */
abstract sealed class EventLoopTasks extends EventLoopSettings permits EventLoopNetworking {
    TaskFactory taskFactory;
    private final LiveTasks liveTasks = new LiveTasks();
    private Task<?> currentTask;

    EventLoopTasks() {}

    /** This loop, as the rest of the runtime takes it. */
    private EventLoop loop() {
        return (EventLoop) this;
    }

    // ---- futures and tasks -----------------------------------------------------------------

    /** A new pending future bound to this loop. */
    public <T> Future<T> createFuture() {
        loop().checkClosed();
        return new Future<>(loop());
    }

    /** Wraps {@code coro} in a task named {@code Task-N}, whose first step is scheduled now. */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /**
     * Wraps {@code coro} in a task with the given name (null: {@code Task-N}).
     *
     * @throws IllegalStateException if the coroutine was already awaited or given to a task
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return createTask(coro, name, null);
    }

    /**
     * Wraps {@code coro} in a task that runs every step in {@code context} (null: a copy of the
     * current context, as without it).
     *
     * @throws IllegalStateException if the coroutine was already awaited or given to a task
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        loop().checkThread();
        loop().checkClosed();
        TaskFactory factory = taskFactory;
        if (factory != null) {
            return factory.create(loop(), coro, name, context != null ? context : Context.copyContext());
        }
        return newTask(coro, name, context, false);
    }

    /** A task as this loop makes it without a factory; with {@code eager}, started at once if the loop runs. */
    <T> Task<T> newTask(Coroutine<T> coro, String name, Context context, boolean eager) {
        loop().checkThread();
        loop().checkClosed();
        return new Task<>(loop(), frameOf(coro), name, context != null ? context : loop().capturedContext(),
                eager && loop().isThisThread());
    }

    // ---- the task factory ------------------------------------------------------------------

    /**
     * The factory {@link #createTask} uses from now on (null: plain tasks, the default), for
     * example {@link TaskFactory#EAGER}.
     */
    public void setTaskFactory(TaskFactory factory) {
        loop().checkThread();
        this.taskFactory = factory;
    }

    /** The task factory set, or null. */
    public TaskFactory getTaskFactory() {
        return taskFactory;
    }

    // ---- the tasks alive, and the current one ----------------------------------------------

    /**
     * The tasks of this loop that are not done yet, oldest first, as they were at one moment.
     * Unlike the loop's other methods, it may be called from any thread, for introspection (a
     * monitoring thread, a debugger's evaluation, a test); it never waits for the loop.
     */
    public Set<Task<?>> allTasks() {
        return liveTasks.snapshot();
    }

    Task<?> currentTask() {
        return currentTask;
    }

    void taskStarted(Task<?> task) {
        liveTasks.add(task);
    }

    void taskEnded(Task<?> task) {
        liveTasks.remove(task);
    }

    /** Makes {@code task} the current one (or none), returning the one it replaces: an eager task's first step runs inside another's. */
    Task<?> swapCurrentTask(Task<?> task) {
        Task<?> previous = currentTask;
        currentTask = task;
        return previous;
    }

    void enterTask(Task<?> task) {
        if (currentTask != null) {
            throw new IllegalStateException(
                    "Cannot enter into task " + task + " while another task " + currentTask + " is being executed.");
        }
        currentTask = task;
    }

    void leaveTask(Task<?> task) {
        if (currentTask != task) {
            throw new IllegalStateException(
                    "Leaving task " + task + " does not match the current task " + currentTask + ".");
        }
        currentTask = null;
    }

    /** {@code awaitable} itself if it is a future of this loop, else a new task running it. */
    <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
        if (awaitable instanceof Future<T> future) {
            if (future.loop != loop()) {
                throw new IllegalArgumentException(
                        "The future belongs to a different loop than the one specified as the loop argument");
            }
            return future;
        }
        if (awaitable instanceof Coroutine<T> coro) {
            return createTask(coro);
        }
        throw new IllegalArgumentException("A Future or a Coroutine is required, got " + awaitable);
    }

    private static <T> CoroutineFrame<T> frameOf(Coroutine<T> coro) {
        if (coro instanceof CoroutineFrame<T> frame) {
            return frame;
        }
        throw new IllegalArgumentException("a coroutine was expected, got " + coro);
    }
}
