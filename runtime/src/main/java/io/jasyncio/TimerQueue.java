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
 * in. The {@code cursor} is the last bucket opened, and each timer sits in one of three places,
 * which its bucket alone tells apart:
 * <ul>
 *   <li>at or before the cursor: the {@code near} heap, the opened timers in exact order;</li>
 *   <li>in the {@link #RING} buckets after the cursor (about two seconds): an unordered array
 *       per bucket, in a ring, with a bit per bucket that says whether it holds any;</li>
 *   <li>further ahead: the {@code far} heap.</li>
 * </ul>
 * Scheduling a timer up to two seconds ahead, the common case, is an append to its bucket's
 * array: no comparisons, and none of the reads of other timers, scattered over memory, that a
 * heap's sift-up makes. A bucket is put in order only when it is needed: once the near heap
 * is empty, the first bucket that holds timers is opened (its array becomes the near heap,
 * ordered in linear time) and the cursor moves to it. The timers of the far heap that have
 * come within the ring's reach then move into it. A bucket's array is young when it is
 * written, so storing a timer in it takes the garbage collector's cheap path; a heap array
 * that lives across bursts is old, and every store to it is a card for the collector to
 * refine.
 *
 * <p>The cursor can run ahead of the clock when it opens a bucket whose timers are not due yet;
 * timers scheduled before them then go to the near heap, which is then an ordinary heap.
 * Whenever the near heap and the ring are empty, the cursor follows the clock: each
 * iteration's {@link #pollDue} moves it up to the present, and a timer added outside the
 * ring's reach moves it to the present, back or forth.
 */
final class TimerQueue {
    /** Buckets per second of loop time: each is 1/1024 s wide. */
    static final double BUCKETS_PER_SECOND = 1024;
    /**
     * Buckets in the ring: timers up to two seconds ahead go into one (asyncio's favourite
     * example, a one-second sleep, among them). A power of two.
     */
    static final int RING = 2048;
    private static final int MASK = RING - 1;
    /** A bucket's first array; an emptied array no longer than this is kept for reuse. */
    private static final int BUCKET_CAPACITY = 16;

    private final DoubleSupplier clock;
    private final TimerHeap near = new TimerHeap();
    private final TimerHeap far = new TimerHeap();
    private final TimerHandle[][] buckets = new TimerHandle[RING][];
    private final int[] counts = new int[RING];
    /** Bit {@code slot % 64} of word {@code slot / 64}: whether that bucket holds timers. */
    private final long[] occupied = new long[RING / Long.SIZE];
    private int inRing;
    private long cursor;

    /**
     * @param clock the loop's time, read only when a timer is added without it, and only to
     *     move the cursor to the present when nothing holds it
     */
    TimerQueue(DoubleSupplier clock) {
        this.clock = clock;
    }

    static long bucketOf(double when) {
        // Truncation rather than floor for negative times: any non-decreasing mapping will do.
        return (long) (when * BUCKETS_PER_SECOND);
    }

    boolean isEmpty() {
        return size() == 0;
    }

    int size() {
        return near.size() + inRing + far.size();
    }

    /** The slots of every array held, live timers or not: what the queue holds on to. */
    int capacity() {
        int slots = near.capacity() + far.capacity();
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
            append(timer, (int) bucket & MASK);
        } else {
            addOutsideRing(timer, bucket, now);
        }
    }

    /** The earliest timer, or null. May open a bucket. */
    TimerHandle peek() {
        if (near.isEmpty()) {
            if (inRing == 0) {
                return far.peek();
            }
            openNextBucket();
        }
        return near.peek();
    }

    /**
     * Removes and returns the earliest timer if it is due at loop time {@code now}, else null.
     * With the near heap and the ring empty, first moves the cursor up to {@code now}, so that
     * the ring reaches from the present and the far timers come into it as they near.
     */
    TimerHandle pollDue(double now) {
        if (near.isEmpty() && inRing == 0) {
            long present = bucketOf(now);
            if (present > cursor) {
                moveCursor(present);
            }
        }
        TimerHandle first = peek();
        if (first == null || first.when() > now) {
            return null;
        }
        (near.isEmpty() ? far : near).poll();
        return first;
    }

    /** Removes and returns the earliest timer, or null. */
    TimerHandle poll() {
        TimerHandle first = peek();
        if (first != null) {
            (near.isEmpty() ? far : near).poll();
        }
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
    }

    private void addOutsideRing(TimerHandle timer, long bucket, double now) {
        if (near.isEmpty() && inRing == 0) {
            // Nothing pins the cursor: bring it to the present, so that the ring covers the
            // next two seconds again rather than a stretch long past (or ahead).
            moveCursor(bucketOf(Double.isNaN(now) ? clock.getAsDouble() : now));
            if (bucket > cursor && bucket < cursor + RING) {
                append(timer, (int) bucket & MASK);
                return;
            }
        }
        (bucket <= cursor ? near : far).add(timer);
    }

    private void append(TimerHandle timer, int slot) {
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
    }

    private TimerHandle[] grow(int slot, int count) {
        TimerHandle[] bigger = new TimerHandle[Math.max(BUCKET_CAPACITY, count * 2)];
        if (count > 0) {
            System.arraycopy(buckets[slot], 0, bigger, 0, count);
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
        if (last == 0) {
            occupied[slot >>> 6] &= ~(1L << slot);
            if (bucket.length > BUCKET_CAPACITY) {
                buckets[slot] = null;
            }
        }
    }

    /** With the near heap empty and the ring not: makes the ring's first bucket the near heap. */
    private void openNextBucket() {
        int start = (int) (cursor + 1) & MASK;
        int word = start >>> 6;
        long bits = occupied[word] & (-1L << start);
        while (bits == 0) {
            word = (word + 1) & (occupied.length - 1);
            bits = occupied[word];
        }
        int slot = (word << 6) | Long.numberOfTrailingZeros(bits);
        occupied[word] &= ~(1L << slot);
        int count = counts[slot];
        near.adopt(buckets[slot], count);
        buckets[slot] = null;
        counts[slot] = 0;
        inRing -= count;
        moveCursor(cursor + 1 + ((slot - start) & MASK));
    }

    /**
     * Sets the cursor to {@code bucket}, moving the far timers now within the ring's reach into
     * it (or into the near heap). Only with the ring holding nothing at or before
     * {@code bucket}, and the near heap empty if {@code bucket} is behind the cursor.
     */
    private void moveCursor(long bucket) {
        cursor = bucket;
        TimerHandle first;
        while ((first = far.peek()) != null) {
            long firstBucket = bucketOf(first.when());
            if (firstBucket >= cursor + RING) {
                break;
            }
            far.poll();
            if (firstBucket <= cursor) {
                near.add(first);
            } else {
                append(first, (int) firstBucket & MASK);
            }
        }
    }
}
