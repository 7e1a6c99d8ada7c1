package io.jasyncio;

import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The loop's pending tasks, for {@link EventLoop#allTasks()}: a doubly-linked list through the
 * tasks themselves, so that starting and ending a task allocates nothing. The loop holds its
 * pending tasks strongly: unlike in Python, a task nobody else references is not collected in
 * the middle of its work.
 *
 * <p>Only the loop's thread changes the list; any thread may take a snapshot. A sequence
 * counter makes that safe without a lock (a seqlock): the loop makes it odd while it relinks
 * and even again after, and a reader that saw the same even value before and after walking the
 * list saw it whole, as it was at one moment. A reader that raced a change walks again. The
 * loop pays two volatile writes per task start and end; the await paths pay nothing.
 */
final class LiveTasks {
    /** More links than this in one walk means the walk raced a change and followed stale links. */
    private static final int MAX_WALK = 50_000_000;

    private Task<?> head;
    private volatile int sequence;

    void add(Task<?> task) {
        sequence++;
        VarHandle.storeStoreFence();  // the odd count is seen before any relinking
        task.liveNext = head;
        if (head != null) {
            head.livePrev = task;
        }
        head = task;
        sequence++;
    }

    void remove(Task<?> task) {
        sequence++;
        VarHandle.storeStoreFence();
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
        sequence++;
    }

    /** The pending tasks, oldest first, as they were at one moment; from any thread. */
    Set<Task<?>> snapshot() {
        for (int attempt = 0; ; attempt++) {
            int before = sequence;
            if ((before & 1) == 0) {
                ArrayDeque<Task<?>> newestFirst = new ArrayDeque<>();
                int walked = 0;
                for (Task<?> t = head; t != null && walked <= MAX_WALK; t = t.liveNext, walked++) {
                    newestFirst.push(t);
                }
                VarHandle.acquireFence();  // the walk's reads happen before the second look
                if (walked <= MAX_WALK && sequence == before) {
                    return new LinkedHashSet<>(newestFirst);
                }
            }
            if (attempt < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }
}
