package io.jasyncio;

/**
 * The callbacks from other threads that the loop took for one iteration: a FIFO of handles,
 * for the loop thread only.
 *
 * <p>Implementation: a linked list of 1,024-slot chunks. A burst that outgrows the current
 * chunk gets freshly allocated ones, which die young once run; a queue that empties starts
 * over at the front of its current chunk, so a loop whose bursts fit in one allocates nothing.
 * The loop's own ready queue, an {@code ArrayDeque} grown by a burst, keeps its several-megabyte
 * array for the loop's life: an old-generation array. Copied into it, every handle from another
 * thread took the slow path of G1's write barrier (a fence, and a card to refine), a large
 * share of the loop thread's time when another thread fed it at full speed, plus the
 * refinement thread's CPU. Stores into a young chunk are filtered out at the barrier's first
 * test. {@code callSoon} stays on the {@code ArrayDeque}: it allocates nothing but its handle
 * there, and its bursts did not suffer from the barrier (docs/PERFORMANCE.md has the figures).
 */
final class ReadyQueue {
    private static final int CHUNK_SIZE = 1024;

    private static final class Chunk {
        final Handle[] slots = new Handle[CHUNK_SIZE];
        Chunk next;
    }

    private Chunk head = new Chunk();
    private int headSlot;
    private Chunk tail = head;
    private int tailSlot;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void addLast(Handle handle) {
        if (tailSlot == CHUNK_SIZE) {
            Chunk next = new Chunk();
            tail.next = next;
            tail = next;
            tailSlot = 0;
        }
        tail.slots[tailSlot++] = handle;
        size++;
    }

    /** The oldest handle; the queue must not be empty. */
    Handle pollFirst() {
        if (headSlot == CHUNK_SIZE) {
            Chunk next = head.next;
            head.next = null;
            head = next;
            headSlot = 0;
        }
        Handle handle = head.slots[headSlot];
        head.slots[headSlot++] = null;
        if (--size == 0) {
            headSlot = tailSlot = 0; // head == tail: start the chunk over
        }
        return handle;
    }

    void clear() {
        head = tail = new Chunk();
        headSlot = tailSlot = size = 0;
    }
}
