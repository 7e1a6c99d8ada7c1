package io.jasyncio.it.net;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This process's open sockets, for tests that check connections release theirs (Linux). Only
 * sockets count: other descriptors (a child process's pipes, which the JDK's reaper thread
 * closes when it gets to run, or a JAR the class loader opens) come and go for reasons of
 * their own.
 */
public final class OpenDescriptors {
    private OpenDescriptors() {}

    /** What the socket descriptors under /proc/self/fd point to, such as {@code socket:[1234]}. */
    public static List<String> list() {
        List<String> sockets = new ArrayList<>();
        try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
                String target;
                try {
                    target = Files.readSymbolicLink(descriptor).toString();
                } catch (IOException closedMeanwhile) {
                    continue; // closed since the listing (the listing's own descriptor, too)
                }
                if (target.startsWith("socket:")) {
                    sockets.add(target);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sockets;
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
