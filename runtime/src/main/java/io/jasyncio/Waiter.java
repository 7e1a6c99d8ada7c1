package io.jasyncio;

/**
 * A done callback that stands for a future waiting on the one it is registered with: a task's
 * step, a gather's outer future, a task group's parent. The call graph follows these links up
 * from a future to whoever waits for it; other callbacks are not waits and are not followed.
 */
interface Waiter {
    /** The future (often a task) that waits. */
    Future<?> waiter();
}
