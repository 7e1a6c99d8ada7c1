package io.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.EventLoop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Unix domain sockets on the loop (CPython's test_unix_events server and connection cases), in a temporary directory. */
@Timeout(60)
class UnixSocketTest {
    @TempDir
    Path dir;

    /** Writes back what it receives. */
    static final class Echo implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    @Test
    void aServerOnAUnixSocketEchoesAndASecondOneReplacesTheStaleSocketFile() {
        Path socket = dir.resolve("echo.sock");
        try (EventLoop loop = EventLoop.newEventLoop()) {
            for (int round = 0; round < 2; round++) {
                Server server = loop.runUntilComplete(loop.createUnixServer(Echo::new, socket));
                assertTrue(Files.exists(socket));
                Connection client = loop.runUntilComplete(Streams.openUnixConnection(socket));
                client.writer().write(("ping " + round).getBytes(StandardCharsets.UTF_8));
                byte[] answer = loop.runUntilComplete(client.reader().readexactly(6));
                assertEquals("ping " + round, new String(answer, StandardCharsets.UTF_8));
                client.writer().close();
                server.close();
                loop.runUntilComplete(server.waitClosed());
            }
        }
    }

    @Test
    void connectingWhereNothingListensFails() {
        try (EventLoop loop = EventLoop.newEventLoop()) {
            // No socket file: the JDK's I/O error, unchecked (asyncio raises FileNotFoundError).
            assertThrows(java.io.UncheckedIOException.class,
                    () -> loop.runUntilComplete(Streams.openUnixConnection(dir.resolve("nobody.sock"))));
        }
    }
}
