package io.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Task;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * EventLoop.sendfile (CPython's test_sendfile cases) on 127.0.0.1, a file in a temporary
 * directory: the zero-copy path of a plain connection, and the fallback that TLS takes, called
 * here directly on the same plain connection.
 */
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

    @FunctionalInterface
    interface Sendfile {
        Coroutine<Long> send(EventLoop loop, Transport transport, FileChannel file, long offset, long count);
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("zero-copy", (Sendfile) EventLoop::sendfile),
                Arguments.of("fallback", (Sendfile) Transports::sendChunks));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void aFileGoesThroughTheTransportFromTheOffsetAndTheFilesPositionFollows(String name, Sendfile sendfile) throws Exception {
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

            long sent = loop.runUntilComplete(sendfile.send(loop, transport, file, 100, 0));
            assertEquals(content.length - 100, sent);
            assertEquals(content.length, file.position());
            long part = loop.runUntilComplete(sendfile.send(loop, transport, file, 0, 1000));
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

    /**
     * A file much larger than the socket's buffers, after bytes the transport had to buffer:
     * those go first, the rest waits for room again and again, and writes meanwhile are refused.
     */
    @Test
    void aLargeFileFollowsWhatWasBufferedAndWritesWaitUntilItIsSent() throws Exception {
        byte[] content = new byte[16 << 20];
        new Random(11).nextBytes(content);
        Path path = Files.write(dir.resolve("large.bin"), content);
        byte[] before = new byte[4 << 20];
        Arrays.fill(before, (byte) 'b');
        try (EventLoop loop = EventLoop.newEventLoop(); FileChannel file = FileChannel.open(path)) {
            Collect collector = new Collect();
            Server server = loop.runUntilComplete(loop.createServer(() -> collector, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).socket().getLocalSocketAddress()).getPort();
            Transport transport = loop.runUntilComplete(
                    loop.createConnection(() -> new Protocol() { }, "127.0.0.1", port)).transport();
            transport.write(before);
            assertTrue(transport.getWriteBufferSize() > 0, "4 MiB at once is more than the socket takes");

            Task<Long> sending = loop.createTask(loop.sendfile(transport, file, 0, 0));
            loop.runUntilComplete(Asyncio.sleep(0));
            assertFalse(sending.done(), "waiting for the buffered bytes to go");
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> transport.write(new byte[1]));
            assertEquals("unable to write; sendfile is in progress", refused.getMessage());
            assertEquals(content.length, loop.runUntilComplete(sending));
            transport.write("after".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

            int expected = before.length + content.length + 5;
            for (int i = 0; i < 1_000_000 && collector.received.size() < expected; i++) {
                loop.runUntilComplete(Asyncio.sleep(0)); // bounded: until the server has it all
            }
            byte[] received = collector.received.toByteArray();
            assertEquals(expected, received.length);
            assertArrayEquals(before, Arrays.copyOf(received, before.length));
            assertArrayEquals(content, Arrays.copyOfRange(received, before.length, before.length + content.length));
            assertEquals("after", new String(received, expected - 5, 5, java.nio.charset.StandardCharsets.US_ASCII));
            transport.close();
            server.close();
            loop.runUntilComplete(server.waitClosed());
        }
    }

    /** The connection aborted while the file waits for room: the sendfile fails, and nothing hangs. */
    @Test
    void aConnectionLostMidwayFailsTheSendfile() throws Exception {
        Path path = Files.write(dir.resolve("large.bin"), new byte[32 << 20]);
        try (EventLoop loop = EventLoop.newEventLoop(); FileChannel file = FileChannel.open(path)) {
            // a server that never reads: the socket fills and the transfer waits for room
            Server server = loop.runUntilComplete(loop.createServer(() -> new Protocol() {
                @Override
                public void connectionMade(Transport transport) {
                    transport.pauseReading();
                }
            }, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).socket().getLocalSocketAddress()).getPort();
            Transport transport = loop.runUntilComplete(
                    loop.createConnection(() -> new Protocol() { }, "127.0.0.1", port)).transport();
            Task<Long> sending = loop.createTask(loop.sendfile(transport, file, 0, 0));
            for (int i = 0; i < 100; i++) { // a few iterations: the transfer starts and the socket fills
                loop.runUntilComplete(Asyncio.sleep(0));
            }
            assertFalse(sending.done(), "the peer does not read 32 MiB");
            transport.abort();
            ConnectionError lost = assertThrows(ConnectionError.class, () -> loop.runUntilComplete(sending));
            assertEquals("Connection lost during sendfile", lost.getMessage());
            server.abortClients(); // its side never reads, so it would not notice the end
            server.close();
            loop.runUntilComplete(server.waitClosed());
        }
    }
}
