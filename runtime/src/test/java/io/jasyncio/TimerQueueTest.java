package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The timer queue against a sorted reference, under random adds, removals, polls and moves of
 * the clock.
 */
class TimerQueueTest {
    private static final Comparator<TimerHandle> ORDER =
            Comparator.comparingDouble(TimerHandle::when).thenComparingLong(t -> t.sequence);
    private static final double BUCKET = 1 / TimerQueue.BUCKETS_PER_SECOND;
    private static final double RING_SECONDS = TimerQueue.RING * BUCKET;

    private double now;

    @Test
    void randomOperationsAgreeWithASortedReference() {
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            for (long seed = 1; seed <= 30; seed++) {
                Random random = new Random(seed);
                now = random.nextInt(1000) - 500;
                TimerQueue queue = new TimerQueue(() -> now);
                TreeSet<TimerHandle> reference = new TreeSet<>(ORDER);
                List<TimerHandle> live = new ArrayList<>();
                long sequence = 0;
                for (int op = 0; op < 20_000; op++) {
                    int choice = random.nextInt(20);
                    if (choice < 10 || live.isEmpty()) {
                        TimerHandle t = new TimerHandle(loop, randomWhen(random), sequence++, () -> { });
                        if (choice % 2 == 0) {
                            queue.add(t, now);
                        } else {
                            queue.add(t);
                        }
                        reference.add(t);
                        live.add(t);
                    } else if (choice < 15) {
                        TimerHandle t = live.remove(random.nextInt(live.size()));
                        queue.remove(t);
                        assertEquals(-1, t.position);
                        reference.remove(t);
                    } else if (choice < 17) {
                        TimerHandle polled = pollEarliest(queue);
                        assertEquals(reference.pollFirst(), polled, "seed " + seed + " op " + op);
                        assertEquals(-1, polled.position);
                        live.remove(polled);
                    } else if (choice < 19) {
                        TimerHandle due = reference.first().when() <= now ? reference.pollFirst() : null;
                        assertEquals(due, queue.pollDue(now), "seed " + seed + " op " + op);
                        live.remove(due);
                    } else {
                        now += random.nextDouble() * RING_SECONDS / 2;
                    }
                    assertEquals(reference.size(), queue.size());
                    assertEquals(reference.isEmpty() ? null : reference.first(), queue.peek(),
                            "seed " + seed + " op " + op);
                }
                while (!reference.isEmpty()) {
                    assertEquals(reference.pollFirst(), pollEarliest(queue));
                }
                assertNull(queue.peek());
                assertTrue(queue.isEmpty());
            }
        }
    }

    /**
     * Takes the earliest timer out as a virtual-time loop does: moves the clock to it, then
     * polls what is due.
     */
    private TimerHandle pollEarliest(TimerQueue queue) {
        TimerHandle first = queue.peek();
        if (first == null) {
            return null;
        }
        now = Math.max(now, first.when());
        assertSame(first, queue.pollDue(now));
        return first;
    }

    /**
     * Times around the clock: some past, most within the ring's reach, some beyond it, on a
     * grid of quarter buckets so that a bucket holds several and equal times are common.
     */
    private double randomWhen(Random random) {
        int choice = random.nextInt(10);
        double offset;
        if (choice == 0) {
            offset = -random.nextDouble() * RING_SECONDS;
        } else if (choice < 8) {
            offset = random.nextDouble() * RING_SECONDS;
        } else {
            offset = random.nextDouble() * 4 * RING_SECONDS;
        }
        double quarters = Math.floor((now + offset) / (BUCKET / 4));
        return quarters * (BUCKET / 4);
    }

    @Test
    void equalTimesComeOutInSchedulingOrderFromEveryPlace() {
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            TimerQueue queue = new TimerQueue(() -> now);
            List<TimerHandle> scheduled = new ArrayList<>();
            // The same three times, each scheduled 50 times interleaved: one due now (the near
            // heap), one within the ring's reach, one beyond it (the far heap).
            double[] times = {0, RING_SECONDS / 2, 3 * RING_SECONDS};
            for (int i = 0; i < 150; i++) {
                TimerHandle t = new TimerHandle(loop, times[i % 3], i, () -> { });
                queue.add(t);
                scheduled.add(t);
            }
            List<TimerHandle> expected = new ArrayList<>(scheduled);
            expected.sort(ORDER);
            List<TimerHandle> polled = new ArrayList<>();
            TimerHandle t;
            while ((t = pollEarliest(queue)) != null) {
                polled.add(t);
            }
            assertEquals(expected, polled);
        }
    }

    @Test
    void infiniteAndHugeTimesKeepTheirPlace() {
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            TimerQueue queue = new TimerQueue(() -> now);
            double[] times = {Double.POSITIVE_INFINITY, 1e300, 0.5, Double.NEGATIVE_INFINITY, -1e300, 5, 0.5};
            List<TimerHandle> expected = new ArrayList<>();
            for (int i = 0; i < times.length; i++) {
                TimerHandle t = new TimerHandle(loop, times[i], i, () -> { });
                queue.add(t, now);
                expected.add(t);
            }
            expected.sort(ORDER);
            for (TimerHandle t : expected) {
                // The clock follows the timers, as a virtual-time loop's does, to infinity.
                now = Math.max(now, t.when());
                assertEquals(t, queue.pollDue(now));
            }
            assertTrue(queue.isEmpty());
            TimerHandle late = new TimerHandle(loop, now, times.length, () -> { });
            queue.add(late, now);
            assertEquals(late, queue.pollDue(now));
        }
    }

    @Test
    void timesBeyondTheLastBucketKeepTheirOrderAndTheirPlace() {
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            // The clock reaches a time whose bucket number would overflow a long.
            TimerQueue queue = new TimerQueue(() -> now);
            TimerHandle e = new TimerHandle(loop, 1e16, 0, () -> { });
            TimerHandle f = new TimerHandle(loop, 2e16, 1, () -> { });
            queue.add(e, now);
            queue.add(f, now);
            assertSame(e, pollEarliest(queue));
            TimerHandle g = new TimerHandle(loop, 3e16, 2, () -> { });
            queue.add(g, now);
            assertSame(f, queue.peek());

            TimerHandle a = new TimerHandle(loop, 1e300, 3, () -> { });
            TimerHandle b = new TimerHandle(loop, 2e300, 4, () -> { });
            queue.add(a, now);
            queue.add(b, now);
            assertSame(f, pollEarliest(queue));
            assertSame(g, pollEarliest(queue));
            assertSame(a, pollEarliest(queue));
            TimerHandle c = new TimerHandle(loop, 1e300 + 1e285, 5, () -> { });
            TimerHandle infinite = new TimerHandle(loop, Double.POSITIVE_INFINITY, 6, () -> { });
            queue.add(c, now);
            queue.add(infinite, now);
            queue.remove(b);
            assertEquals(-1, b.position);
            assertEquals(2, queue.size());
            assertSame(c, pollEarliest(queue));
            queue.remove(infinite);
            assertTrue(queue.isEmpty());
        }
    }

    @Test
    void schedulingAndCancellingOnAMovingClockHoldsNoArrays() {
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            TimerQueue queue = new TimerQueue(() -> now);
            Random random = new Random(3);
            for (int i = 0; i < 200_000; i++) {
                // A timeout of up to three seconds, cancelled at once, as the clock moves on.
                TimerHandle timeout = new TimerHandle(loop, now + random.nextDouble() * 3, i, () -> { });
                queue.add(timeout, now);
                queue.remove(timeout);
                now += 0.001;
                assertNull(queue.pollDue(now));
            }
            assertTrue(queue.isEmpty());
            // A few first-size arrays (a heap's, the spare bucket array), not one per bucket.
            assertTrue(queue.capacity() <= 64, "capacity " + queue.capacity());
        }
    }

    @Test
    void theArraysDoNotGrowFromOneBurstToTheNext() {
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            TimerQueue queue = new TimerQueue(() -> now);
            List<Integer> capacities = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 10_000; i++) {
                    // Spread over twice the ring's reach: half in buckets, half in the far heap.
                    double when = now + i * 2 * RING_SECONDS / 10_000;
                    queue.add(new TimerHandle(loop, when, i, () -> { }), now);
                }
                while (pollEarliest(queue) != null) {
                    // drain
                }
                capacities.add(queue.capacity());
            }
            assertTrue(capacities.get(0) <= 2 * 10_000, "capacity " + capacities.get(0));
            assertEquals(capacities.get(0), capacities.get(9), "capacities " + capacities);
        }
    }
}
