package io.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** EventLoop.sendfile (CPython's test_sendfile fallback cases) on 127.0.0.1, a file in a temporary directory. */
@Timeout(60)
class SendfileTest {
    @TempDir
    Path dir;

    /** Keeps what it receives. */
    static final class Collect implements Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public void dataReceived(byte[] data) {
            received.writeBytes(data);
        }
    }

    @Test
    void aFileGoesThroughTheTransportFromTheOffsetAndTheFilesPositionFollows() throws Exception {
        byte[] content = new byte[3 * 256 * 1024 + 1234];
        new Random(7).nextBytes(content);
        Path path = Files.write(dir.resolve("data.bin"), content);
        try (EventLoop loop = EventLoop.newEventLoop(); FileChannel file = FileChannel.open(path)) {
            Collect collector = new Collect();
            Server server = loop.runUntilComplete(loop.createServer(() -> collector, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).socket().getLocalSocketAddress()).getPort();
            Endpoint<Transport, Protocol> client = loop.runUntilComplete(
                    loop.createConnection(() -> new Protocol() { }, "127.0.0.1", port));
            Transport transport = client.transport();

            long sent = loop.runUntilComplete(loop.sendfile(transport, file, 100, 0));
            assertEquals(content.length - 100, sent);
            assertEquals(content.length, file.position());
            long part = loop.runUntilComplete(loop.sendfile(transport, file, 0, 1000));
            assertEquals(1000, part);

            int expected = content.length - 100 + 1000;
            for (int i = 0; i < 1_000_000 && collector.received.size() < expected; i++) {
                loop.runUntilComplete(Asyncio.sleep(0)); // bounded: until the server has it all
            }
            byte[] received = collector.received.toByteArray();
            assertArrayEquals(Arrays.copyOfRange(content, 100, content.length), Arrays.copyOf(received, content.length - 100));
            assertArrayEquals(Arrays.copyOf(content, 1000), Arrays.copyOfRange(received, content.length - 100, expected));

            transport.close();
            assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(loop.sendfile(transport, file, 0, 0)));
            server.close();
            loop.runUntilComplete(server.waitClosed());
        }
    }
}
