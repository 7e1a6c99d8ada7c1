package io.jasyncio;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The loop's pending tasks, for {@link Asyncio#allTasks()}: a doubly-linked list through the
 * tasks themselves, so that starting and ending a task allocates nothing. The loop holds its
 * pending tasks strongly: unlike in Python, a task nobody else references is not collected in
 * the middle of its work.
 */
final class LiveTasks {
    private Task<?> head;

    void add(Task<?> task) {
        task.liveNext = head;
        if (head != null) {
            head.livePrev = task;
        }
        head = task;
    }

    void remove(Task<?> task) {
        if (task.livePrev != null) {
            task.livePrev.liveNext = task.liveNext;
        } else if (head == task) {
            head = task.liveNext;
        }
        if (task.liveNext != null) {
            task.liveNext.livePrev = task.livePrev;
        }
        task.liveNext = null;
        task.livePrev = null;
    }

    /** The pending tasks, oldest first. */
    Set<Task<?>> snapshot() {
        ArrayDeque<Task<?>> newestFirst = new ArrayDeque<>();
        for (Task<?> t = head; t != null; t = t.liveNext) {
            newestFirst.push(t);
        }
        return new LinkedHashSet<>(newestFirst);
    }
}
