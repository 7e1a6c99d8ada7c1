package io.jasyncio;

import java.util.Arrays;

/**
 * A binary min-heap of timers ordered by (when, sequence), in which every {@link TimerHandle}
 * keeps its index in {@link TimerHandle#position}, so that a cancelled timer is removed in
 * O(log n). {@link TimerQueue} keeps two: the timers of the buckets it has opened, and those
 * too far ahead for its ring. Loop-thread only.
 */
final class TimerHeap {
    private static final TimerHandle[] EMPTY = new TimerHandle[0];
    private static final int MIN_CAPACITY = 16;

    private TimerHandle[] heap = EMPTY;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The array's length: what the heap holds on to, live timers or not. */
    int capacity() {
        return heap.length;
    }

    /** The earliest timer, or null. */
    TimerHandle peek() {
        return size == 0 ? null : heap[0];
    }

    void add(TimerHandle timer) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, Math.max(MIN_CAPACITY, size * 2));
        }
        siftUp(size++, timer);
    }

    /**
     * Takes {@code timers[0..count)} as this empty heap's contents, in place: the array becomes
     * the heap's and is ordered in O(count). Each timer's {@code position} must already be its
     * index in the array, as in a {@link TimerQueue} bucket.
     *
     * @return the heap's previous array, now unused and all null
     */
    TimerHandle[] adopt(TimerHandle[] timers, int count) {
        assert size == 0;
        TimerHandle[] previous = heap;
        heap = timers;
        size = count;
        for (int i = (count >>> 1) - 1; i >= 0; i--) {
            siftDown(i, timers[i]);
        }
        return previous;
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

    /** Removes {@code timer}, which must be in this heap. */
    void remove(TimerHandle timer) {
        removeAt(timer.position);
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].position = -1;
        }
        heap = EMPTY;
        size = 0;
    }

    private void removeAt(int index) {
        TimerHandle removed = heap[index];
        removed.position = -1;
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
        timer.position = index;
    }
}
