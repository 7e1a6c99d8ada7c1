package io.jasyncio;

/**
 * What a loop's {@link EventLoop#createTask} uses to make its tasks
 * ({@link EventLoop#setTaskFactory}): asyncio's task factory. A factory may return a task
 * configured differently, or made by {@link #EAGER}.
 */
@FunctionalInterface
public interface TaskFactory {
    /**
     * Python 3.12's {@code eager_task_factory}: the task runs its coroutine at once, inside
     * {@code createTask}, until its first real suspension, instead of at the loop's next
     * iteration; a coroutine that finishes without suspending gives a task that is already
     * done. Called while the loop is not running, it makes an ordinary task.
     */
    TaskFactory EAGER = new TaskFactory() {
        @Override
        public <T> Task<T> create(EventLoop loop, Coroutine<T> coro, String name, Context context) {
            return loop.newTask(coro, name, context, true);
        }

        @Override
        public String toString() {
            return "TaskFactory.EAGER";
        }
    };

    /**
     * A task for {@code coro} on {@code loop}, named {@code name} (null: {@code Task-N}),
     * running in {@code context} (never null: the loop passes the copy it would have used).
     */
    <T> Task<T> create(EventLoop loop, Coroutine<T> coro, String name, Context context);
}
