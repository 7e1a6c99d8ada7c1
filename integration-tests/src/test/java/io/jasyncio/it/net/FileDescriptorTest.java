package io.jasyncio.it.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.net.Server;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** No file descriptor outlives its connection: 10,000 connections leave the count as it was. */
@EnabledOnOs(OS.LINUX)
class FileDescriptorTest extends NetLoopTest {
    @Test
    void tenThousandConnectionsLeaveNoDescriptorOpen() {
        // warm up: classes loaded, the JDK's lazily opened descriptors opened, before counting
        Server warmUp = run(Echo.start());
        run(StreamScenarios.concurrentRoundTrips(StreamScenarios.port(warmUp), 10, 1));
        warmUp.close();
        run(warmUp.waitClosed());
        int before = OpenDescriptors.countOnceSettled(loop);
        List<String> namesBefore = OpenDescriptors.list();

        Server server = run(Echo.start());
        long verified = run(StreamScenarios.connectionsInBatches(StreamScenarios.port(server), 10_000, 50));
        assertEquals(StreamScenarios.expectedBytes(10_000, 1), verified);
        server.close();
        run(server.waitClosed());

        assertEquals(before, OpenDescriptors.countOnceSettled(loop),
                "before " + namesBefore + ", after " + OpenDescriptors.list());
        assertNoErrors();
    }
}
