package io.jasyncio;

import java.util.Comparator;

/**
 * A {@link Queue} that hands out its smallest item first: asyncio's {@code PriorityQueue}.
 * Items are ordered by their natural ordering or by a {@link Comparator}; items that compare
 * equal come out in the order they were put. Everything else (maxsize and back-pressure, FIFO
 * wake-up of waiting tasks, cancellation, {@link #taskDone()} and {@link #join()}) is
 * {@link Queue}'s.
 *
 * <pre>{@code
 * PriorityQueue<Job> jobs = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
 * jobs.putNowait(new Job(5, "later"));
 * jobs.putNowait(new Job(1, "first"));
 * Job next = await(jobs.get());    // the one with priority 1
 * }</pre>
 *
 * <p>With the natural ordering, an item that is not {@link Comparable} (or a {@code null})
 * makes the put that has to compare it throw {@link ClassCastException} (or
 * {@link NullPointerException}), as Python's {@code heapq} raises {@code TypeError}; as there,
 * the queue's contents are then unspecified.
 *
 * <p><em>Implementation note.</em> It overrides only the storage hooks (asyncio's
 * {@code _put}, {@code _get} and {@code len(_queue)}), keeping a binary heap in a
 * {@link java.util.PriorityQueue}. asyncio uses {@code heapq}, which compares whole entries, so
 * ties between equal priorities are broken by comparing the items themselves (hence the usual
 * {@code (priority, sequence, item)} tuples). Here each item is stored with an insertion
 * sequence number and ties are broken by it, which makes equal items FIFO without such
 * tuples.
 *
 * @param <T> the type of the items
 */
public class PriorityQueue<T> extends Queue<T> {
    private final java.util.PriorityQueue<Entry<T>> heap;
    private long sequence;

    /** An unbounded queue in the items' natural ordering. */
    public PriorityQueue() {
        this(0, null);
    }

    /** A queue in natural ordering that holds at most {@code maxsize} items (zero or less: unbounded). */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /** An unbounded queue ordered by {@code comparator}; null means natural ordering. */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /**
     * A queue ordered by {@code comparator} (null: natural ordering) that holds at most
     * {@code maxsize} items (zero or less: unbounded).
     */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize);
        Comparator<Entry<T>> byItem = comparator == null
                ? (a, b) -> naturalCompare(a.item, b.item)
                : (a, b) -> comparator.compare(a.item, b.item);
        this.heap = new java.util.PriorityQueue<>(byItem.thenComparingLong(e -> e.sequence));
    }

    @Override
    void putItem(T item) {
        heap.add(new Entry<>(item, sequence++));
    }

    @Override
    T getItem() {
        return heap.poll().item;
    }

    @Override
    int itemCount() {
        return heap.size();
    }

    @Override
    Object[] storedItems() {
        return heap.stream().map(entry -> entry.item).toArray();
    }

    @SuppressWarnings("unchecked")
    private static <T> int naturalCompare(T a, T b) {
        return ((Comparable<? super T>) a).compareTo(b);
    }

    /** An item and when it was put: ties in priority go by {@code sequence}. */
    private static final class Entry<T> {
        final T item;
        final long sequence;

        Entry(T item, long sequence) {
            this.item = item;
            this.sequence = sequence;
        }
    }
}
