package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The timer heap against a sorted reference, under random adds, removals and polls. */
class TimerQueueTest {
    private static final Comparator<TimerHandle> ORDER =
            Comparator.comparingDouble(TimerHandle::when).thenComparingLong(t -> t.sequence);

    @Test
    void randomOperationsAgreeWithASortedReference() {
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            for (long seed = 1; seed <= 20; seed++) {
                Random random = new Random(seed);
                TimerQueue queue = new TimerQueue();
                TreeSet<TimerHandle> reference = new TreeSet<>(ORDER);
                List<TimerHandle> live = new ArrayList<>();
                long sequence = 0;
                for (int op = 0; op < 20_000; op++) {
                    int choice = random.nextInt(10);
                    if (choice < 5 || live.isEmpty()) {
                        // Few distinct times, so that ties are common.
                        TimerHandle t = new TimerHandle(loop, random.nextInt(50), sequence++, () -> { });
                        queue.add(t);
                        reference.add(t);
                        live.add(t);
                    } else if (choice < 8) {
                        TimerHandle t = live.remove(random.nextInt(live.size()));
                        queue.remove(t);
                        reference.remove(t);
                    } else {
                        TimerHandle polled = queue.poll();
                        assertEquals(reference.pollFirst(), polled, "seed " + seed + " op " + op);
                        live.remove(polled);
                    }
                    assertEquals(reference.size(), queue.size());
                    assertEquals(reference.isEmpty() ? null : reference.first(), queue.peek());
                }
                while (!reference.isEmpty()) {
                    assertEquals(reference.pollFirst(), queue.poll());
                }
                assertNull(queue.poll());
            }
        }
    }

    @Test
    void theArrayIsBoundedByThePeakOfPendingTimers() {
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            TimerQueue queue = new TimerQueue();
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 10_000; i++) {
                    queue.add(new TimerHandle(loop, i, i, () -> { }));
                }
                while (queue.poll() != null) {
                    // drain
                }
            }
            assertEquals(16_384, queue.capacity());
        }
    }
}
