package io.jasyncio;

import java.util.function.Consumer;

/**
 * A task's next step, as the loop runs it. One per task, reused for every step: it is the
 * handle queued when the task starts, yields or must receive an error, and it is also the done
 * callback the task leaves on the future it awaits, which {@link Future} queues as it is. So a
 * suspension allocates nothing. It never sits in the ready queue twice, because a task is
 * either scheduled or waiting on exactly one future.
 */
final class TaskStep extends Handle implements Consumer<Future<?>>, Waiter {
    private final Task<?> task;
    /**
     * The task's N in {@code Task-N}. It is kept here because it fills the padding this
     * handle has anyway; in the task it would cost 8 bytes per task.
     */
    final int number;

    TaskStep(Task<?> task, int number) {
        super(null);
        this.task = task;
        this.number = number;
    }

    @Override
    void run() {
        task.step();
    }

    Task<?> task() {
        return task;
    }

    @Override
    public Future<?> waiter() {
        return task;
    }

    /** Never called: {@link Future} queues this handle instead of calling it. */
    @Override
    public void accept(Future<?> future) {
        throw new AssertionError("a TaskStep is queued, not called");
    }

    @Override
    String describeCallback() {
        return "step of " + task;
    }
}
