package io.jasyncio.it.net;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import java.io.File;
import java.util.Arrays;
import java.util.List;

/** This process's open file descriptors, for tests that check connections release theirs (Linux). */
public final class OpenDescriptors {
    private OpenDescriptors() {}

    /** The names under /proc/self/fd. */
    public static List<String> list() {
        String[] names = new File("/proc/self/fd").list();
        return names == null ? List.of() : Arrays.asList(names);
    }

    /**
     * The count once {@code loop}'s iterations stop changing it (at most ten): a closed
     * channel's descriptor is released by the loop's next poll, and a connection's two ends
     * close one or more iterations apart, so one count straight after a close can be one high.
     */
    public static int countOnceSettled(EventLoop loop) {
        int count = list().size();
        for (int round = 0; round < 10; round++) {
            loop.runUntilComplete(Asyncio.sleep(0));
            int next = list().size();
            if (next == count) {
                break;
            }
            count = next;
        }
        return count;
    }
}
