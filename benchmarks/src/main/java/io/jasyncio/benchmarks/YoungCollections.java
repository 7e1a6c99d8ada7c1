package io.jasyncio.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Runs young collections before a measurement, so that data built in a benchmark's setup is
 * laid out as the collector leaves it rather than in the order it was allocated.
 *
 * <p>Why it matters: a young collection copies the objects an array refers to in an order of its
 * own (with G1, a million {@code Integer}s allocated in ascending order came out of the first
 * collection in descending order, and stayed so). A peer that allocates as it runs gets its data
 * moved within its first iteration; a peer that allocates nothing reads the allocation order for
 * its whole fork. The two layouts are not equally fast for every loop, so without this the peers
 * of one benchmark would read the same values from differently arranged memory.
 */
final class YoungCollections {
    /** Enough garbage for any young generation of a heap of this machine's size, many times over. */
    private static final long MAX_BYTES = 64L << 30;

    /** Where the garbage goes, so that the JIT cannot drop the allocations. */
    static volatile Object sink;

    private YoungCollections() {}

    /**
     * Allocates short-lived garbage until the JVM's collectors have run {@code count} more times.
     *
     * @throws IllegalStateException if they have not after {@link #MAX_BYTES} of garbage
     */
    static void run(int count) {
        long target = collections() + count;
        for (long allocated = 0; collections() < target; allocated += 64 * 1024) {
            if (allocated > MAX_BYTES) {
                throw new IllegalStateException("no collection after " + (MAX_BYTES >> 30) + " GB of garbage");
            }
            for (int i = 0; i < 64; i++) {
                sink = new byte[1024];
            }
        }
    }

    private static long collections() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionCount());
        }
        return total;
    }
}
