package io.jasyncio;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * The loop's scheduled timers, taken out in exact (when, sequence) order. A cancelled timer
 * leaves at once, so memory is bounded by the timers pending, not by those ever scheduled.
 * Loop-thread only.
 *
 * <p>Implementation overview. Loop time is cut into buckets of about a millisecond
 * ({@link #BUCKETS_PER_SECOND}), and every timer belongs to the bucket its {@code when} falls
 * in. The {@code cursor} is a bucket at or before the present, and each timer sits in one of
 * three places, which its bucket alone tells apart:
 * <ul>
 *   <li>at or before the cursor: the {@code near} heap, the opened timers in exact order;</li>
 *   <li>in the {@link #RING} buckets after the cursor (about two seconds): an unordered array
 *       per bucket, in a ring, with a bit per bucket that says whether it holds any;</li>
 *   <li>further ahead: the {@code far} heap.</li>
 * </ul>
 * Scheduling a timer within the ring's reach, the common case, is an append to its bucket's
 * array: no comparisons, and none of the reads of other timers, scattered over memory, that a
 * heap's sift-up makes. A bucket is put in order only when it falls due with the near heap
 * empty: its array becomes the near heap, ordered in linear time, and the cursor moves to it.
 * Until then {@link #peek} finds its earliest timer by a scan, kept until the bucket changes.
 * With the near heap empty and no bucket due, {@link #pollDue} moves the cursor up to the
 * present, so that the ring reaches from there; the far timers that come within its reach
 * then move into it. A bucket's array is young when it is written, so under G1 storing a timer
 * in it takes the write barrier's cheap path; a heap array that lives across bursts is old,
 * and every store to it is a card for the collector to refine.
 *
 * <p>What this costs: a timer more than two seconds ahead goes through the far heap, then a
 * bucket, then the near heap, where a single heap would take it in and out once. For timers
 * that fall due one by one that is about what the heap costs; bursts gain the most (the
 * figures are in docs/PERFORMANCE.md).
 */
final class TimerQueue {
    /** Buckets per second of loop time: each is 1/1024 s wide. */
    static final double BUCKETS_PER_SECOND = 1024;
    /**
     * Buckets in the ring: timers up to about two seconds after the cursor's bucket go into
     * one (asyncio's favourite example, a one-second sleep, among them). A power of two.
     */
    static final int RING = 2048;
    private static final int MASK = RING - 1;
    /** A bucket's first array. */
    private static final int BUCKET_CAPACITY = 16;
    /** Bucket numbers are clamped to +-2^62, so that {@code cursor + RING} cannot overflow. */
    private static final long LAST_BUCKET = 1L << 62;

    private final DoubleSupplier clock;
    private final TimerHeap near = new TimerHeap();
    private final TimerHeap far = new TimerHeap();
    private final TimerHandle[][] buckets = new TimerHandle[RING][];
    private final int[] counts = new int[RING];
    /** Bit {@code slot % 64} of word {@code slot / 64}: whether that bucket holds timers. */
    private final long[] occupied = new long[RING / Long.SIZE];
    private int inRing;
    private long cursor;
    /** An emptied first-size bucket array, for the next bucket to start: one, not one a slot. */
    private TimerHandle[] spare;
    /** The earliest timer of the ring's first bucket, {@code firstBucket}, or null: not known. */
    private TimerHandle ringFirst;
    private long firstBucket;

    /**
     * @param clock the loop's time, read only when a timer is added without it, and only to
     *     move the cursor to the present when nothing holds it
     */
    TimerQueue(DoubleSupplier clock) {
        this.clock = clock;
    }

    static long bucketOf(double when) {
        // Truncation rather than floor for negative times: any non-decreasing mapping will do.
        // The cast saturates at +-2^63 (infinities included); the clamp leaves room above.
        long bucket = (long) (when * BUCKETS_PER_SECOND);
        return Math.max(-LAST_BUCKET, Math.min(LAST_BUCKET, bucket));
    }

    boolean isEmpty() {
        return size() == 0;
    }

    int size() {
        return near.size() + inRing + far.size();
    }

    /** The slots of every array held, live timers or not: what the queue holds on to. */
    int capacity() {
        int slots = near.capacity() + far.capacity() + (spare == null ? 0 : spare.length);
        for (TimerHandle[] bucket : buckets) {
            slots += bucket == null ? 0 : bucket.length;
        }
        return slots;
    }

    /** Adds a timer, reading the clock only if the cursor may need moving to the present. */
    void add(TimerHandle timer) {
        add(timer, Double.NaN);
    }

    /**
     * Adds a timer scheduled at loop time {@code now}, which callLater has just read (NaN:
     * not read).
     */
    void add(TimerHandle timer, double now) {
        long bucket = bucketOf(timer.when());
        if (bucket > cursor && bucket < cursor + RING) {
            append(timer, bucket);
        } else {
            addOutsideRing(timer, bucket, now);
        }
    }

    /** The earliest timer, or null. */
    TimerHandle peek() {
        if (!near.isEmpty()) {
            return near.peek();
        }
        return inRing > 0 ? ringFirst() : far.peek();
    }

    /**
     * Removes and returns the earliest timer if it is due at loop time {@code now}, else null.
     * With the near heap empty, first opens the ring's first bucket if it is due, or else
     * moves the cursor up to the present.
     */
    TimerHandle pollDue(double now) {
        if (near.isEmpty()) {
            long present = bucketOf(now);
            long first = inRing > 0 ? firstOccupiedBucket() : Long.MAX_VALUE;
            if (first <= present) {
                open(first);
            } else if (present > cursor) {
                // Every ring timer is after the present: the cursor may move up to it.
                moveCursor(present);
            }
            if (near.isEmpty()) {
                // The ring's timers are in buckets after the present, the far ones further.
                return null;
            }
        }
        TimerHandle first = near.peek();
        if (first.when() > now) {
            return null;
        }
        near.poll();
        return first;
    }

    /** Removes {@code timer}, which must be in this queue. */
    void remove(TimerHandle timer) {
        long bucket = bucketOf(timer.when());
        if (bucket <= cursor) {
            near.remove(timer);
        } else if (bucket < cursor + RING) {
            removeFromBucket(timer, (int) bucket & MASK);
        } else {
            far.remove(timer);
        }
    }

    void clear() {
        near.clear();
        far.clear();
        for (int slot = 0; slot < RING; slot++) {
            for (int i = 0; i < counts[slot]; i++) {
                buckets[slot][i].position = -1;
            }
            buckets[slot] = null;
            counts[slot] = 0;
        }
        Arrays.fill(occupied, 0);
        inRing = 0;
        spare = null;
        ringFirst = null;
    }

    private void addOutsideRing(TimerHandle timer, long bucket, double now) {
        if (near.isEmpty() && inRing == 0) {
            // Nothing pins the cursor: bring it to the present, so that the ring covers the
            // next two seconds again rather than a stretch long past (or ahead).
            moveCursor(bucketOf(Double.isNaN(now) ? clock.getAsDouble() : now));
            if (bucket > cursor && bucket < cursor + RING) {
                append(timer, bucket);
                return;
            }
        }
        (bucket <= cursor ? near : far).add(timer);
    }

    private void append(TimerHandle timer, long bucketNumber) {
        int slot = (int) bucketNumber & MASK;
        TimerHandle[] bucket = buckets[slot];
        int count = counts[slot];
        if (bucket == null || count == bucket.length) {
            bucket = grow(slot, count);
        }
        bucket[count] = timer;
        timer.position = count;
        counts[slot] = count + 1;
        if (count == 0) {
            occupied[slot >>> 6] |= 1L << slot;
        }
        inRing++;
        if (ringFirst != null) {
            if (bucketNumber < firstBucket || bucketNumber == firstBucket && timer.isBefore(ringFirst)) {
                firstBucket = bucketNumber;
                ringFirst = timer;
            }
        }
    }

    private TimerHandle[] grow(int slot, int count) {
        TimerHandle[] bigger;
        if (count == 0 && spare != null) {
            bigger = spare;
            spare = null;
        } else {
            bigger = new TimerHandle[Math.max(BUCKET_CAPACITY, count * 2)];
            if (count > 0) {
                System.arraycopy(buckets[slot], 0, bigger, 0, count);
            }
        }
        buckets[slot] = bigger;
        return bigger;
    }

    private void removeFromBucket(TimerHandle timer, int slot) {
        TimerHandle[] bucket = buckets[slot];
        int last = --counts[slot];
        int index = timer.position;
        if (index != last) {
            TimerHandle moved = bucket[last];
            bucket[index] = moved;
            moved.position = index;
        }
        bucket[last] = null;
        timer.position = -1;
        inRing--;
        if (timer == ringFirst) {
            ringFirst = null;
        }
        if (last == 0) {
            occupied[slot >>> 6] &= ~(1L << slot);
            buckets[slot] = null;
            keepAsSpare(bucket);
        }
    }

    private void keepAsSpare(TimerHandle[] emptied) {
        if (emptied.length == BUCKET_CAPACITY) {
            spare = emptied;
        }
    }

    /** The earliest timer in the ring, which must hold some: found by a scan, then kept. */
    private TimerHandle ringFirst() {
        if (ringFirst == null) {
            firstBucket = firstOccupiedBucket();
            int slot = (int) firstBucket & MASK;
            TimerHandle[] bucket = buckets[slot];
            TimerHandle first = bucket[0];
            for (int i = 1, count = counts[slot]; i < count; i++) {
                if (bucket[i].isBefore(first)) {
                    first = bucket[i];
                }
            }
            ringFirst = first;
        }
        return ringFirst;
    }

    /** The number of the first bucket after the cursor that holds timers; the ring must hold some. */
    private long firstOccupiedBucket() {
        int start = (int) (cursor + 1) & MASK;
        int word = start >>> 6;
        long bits = occupied[word] & (-1L << start);
        while (bits == 0) {
            // Wraps round to the start word, whose bits before start are the ring's last buckets.
            word = (word + 1) & (occupied.length - 1);
            bits = occupied[word];
        }
        int slot = (word << 6) | Long.numberOfTrailingZeros(bits);
        return cursor + 1 + ((slot - start) & MASK);
    }

    /** With the near heap empty: makes ring bucket {@code bucketNumber}, the first, the near heap. */
    private void open(long bucketNumber) {
        int slot = (int) bucketNumber & MASK;
        occupied[slot >>> 6] &= ~(1L << slot);
        int count = counts[slot];
        keepAsSpare(near.adopt(buckets[slot], count));
        buckets[slot] = null;
        counts[slot] = 0;
        inRing -= count;
        ringFirst = null;
        moveCursor(bucketNumber);
    }

    /**
     * Sets the cursor to {@code bucket}, moving the far timers now within the ring's reach into
     * it (or into the near heap). The ring must hold nothing at or before {@code bucket}; to
     * move the cursor back, the near heap and the ring must both be empty.
     */
    private void moveCursor(long bucket) {
        cursor = bucket;
        TimerHandle first;
        while ((first = far.peek()) != null) {
            long farBucket = bucketOf(first.when());
            if (farBucket >= cursor + RING) {
                break;
            }
            far.poll();
            if (farBucket <= cursor) {
                near.add(first);
            } else {
                append(first, farBucket);
            }
        }
    }
}
