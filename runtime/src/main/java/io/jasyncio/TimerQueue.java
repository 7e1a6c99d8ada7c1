package io.jasyncio;

import java.util.Arrays;

/**
 * The loop's scheduled timers: a binary min-heap ordered by (when, sequence), in which every
 * {@link TimerHandle} knows its own index so that a cancelled timer is removed in O(log n)
 * instead of lingering until it would have fired: the array never holds more than the most
 * timers that were ever pending at once. It does not shrink after a burst (as neither Netty's
 * nor the JDK's queues do): regrowing it on every burst cost more than the memory it frees.
 * Loop-thread only.
 */
final class TimerQueue {
    private static final int MIN_CAPACITY = 64;

    private TimerHandle[] heap = new TimerHandle[MIN_CAPACITY];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The heap array's length: what the queue holds on to, live timers or not. */
    int capacity() {
        return heap.length;
    }

    /** The earliest timer, or null. */
    TimerHandle peek() {
        return size == 0 ? null : heap[0];
    }

    void add(TimerHandle timer) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, timer);
    }

    /** Removes and returns the earliest timer, or null. */
    TimerHandle poll() {
        if (size == 0) {
            return null;
        }
        TimerHandle first = heap[0];
        removeAt(0);
        return first;
    }

    /** Removes {@code timer}, which must be in this queue. */
    void remove(TimerHandle timer) {
        removeAt(timer.heapIndex);
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].heapIndex = -1;
        }
        heap = new TimerHandle[MIN_CAPACITY];
        size = 0;
    }

    private void removeAt(int index) {
        TimerHandle removed = heap[index];
        removed.heapIndex = -1;
        TimerHandle last = heap[--size];
        heap[size] = null;
        if (index != size) {
            siftDown(index, last);
            if (heap[index] == last) {
                siftUp(index, last);
            }
        }
    }

    private void siftUp(int index, TimerHandle timer) {
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            TimerHandle p = heap[parent];
            if (!timer.isBefore(p)) {
                break;
            }
            place(index, p);
            index = parent;
        }
        place(index, timer);
    }

    private void siftDown(int index, TimerHandle timer) {
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            TimerHandle c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].isBefore(c)) {
                child = right;
                c = heap[right];
            }
            if (!c.isBefore(timer)) {
                break;
            }
            place(index, c);
            index = child;
        }
        place(index, timer);
    }

    private void place(int index, TimerHandle timer) {
        heap[index] = timer;
        timer.heapIndex = index;
    }
}
