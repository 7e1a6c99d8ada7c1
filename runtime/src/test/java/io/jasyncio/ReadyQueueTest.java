package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The loop's ready queue against ArrayDeque, across its internal chunk boundaries. */
class ReadyQueueTest {

    @Test
    void randomAddsAndPollsAgreeWithAnArrayDeque() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            ReadyQueue queue = new ReadyQueue();
            ArrayDeque<Handle> reference = new ArrayDeque<>();
            for (int op = 0; op < 2_000; op++) {
                // Runs of adds and polls long enough to cross several 1,024-slot chunks, and to
                // empty the queue now and then.
                int run = 1 + random.nextInt(3_000);
                if (random.nextBoolean()) {
                    for (int i = 0; i < run; i++) {
                        Handle handle = new Handle(() -> { });
                        queue.addLast(handle);
                        reference.addLast(handle);
                    }
                } else {
                    for (int i = 0; i < run && !reference.isEmpty(); i++) {
                        assertSame(reference.pollFirst(), queue.pollFirst(), "seed " + seed + " op " + op);
                    }
                }
                assertEquals(reference.size(), queue.size());
                assertEquals(reference.isEmpty(), queue.isEmpty());
            }
        }
    }

    @Test
    void clearEmptiesTheQueueAndItWorksAfterwards() {
        ReadyQueue queue = new ReadyQueue();
        for (int i = 0; i < 5_000; i++) {
            queue.addLast(new Handle(() -> { }));
        }
        queue.clear();
        assertTrue(queue.isEmpty());
        Handle handle = new Handle(() -> { });
        queue.addLast(handle);
        assertSame(handle, queue.pollFirst());
        assertTrue(queue.isEmpty());
    }
}
