package io.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionContext;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The TLS handshake timeout (asyncio's ssl_handshake_timeout), shortened to a fifth of a second.
 * Neither side gets as far as needing a certificate: the JDK's default context serves.
 */
@Timeout(30)
class TlsHandshakeTimeoutTest {
    private static final double TIMEOUT = 0.2;
    private static final String HOST = "127.0.0.1";

    private final EventLoop loop = EventLoop.newEventLoop();
    private final List<ExceptionContext> reported = new ArrayList<>();
    private final List<Transport> connected = new ArrayList<>();

    @BeforeEach
    void recordReportedErrors() {
        loop.setExceptionHandler((l, context) -> reported.add(context));
    }

    @AfterEach
    void closeLoop() {
        loop.close();
        assertEquals(List.of(), reported, "a timeout is the peer's business, not reported");
        assertEquals(List.of(), connected, "no protocol may see a connection whose handshake did not finish");
    }

    private Protocol recordingProtocol() {
        return new Protocol() {
            @Override
            public void connectionMade(Transport transport) {
                connected.add(transport);
            }
        };
    }

    @Test
    void aServerClosesAConnectionThatNeverSendsItsHello() throws Exception {
        TlsTransportBuilder builder = TlsTransportBuilder.server(SSLContext.getDefault()).withHandshakeTimeout(TIMEOUT);
        Server server = loop.runUntilComplete(Transports.createServer(
                loop, this::recordingProtocol, HOST, 0, Transports.DEFAULT_BACKLOG, builder));
        try (SocketChannel client = SocketChannel.open()) {
            client.configureBlocking(false);
            // Read before connecting: the server arms its timer when it accepts, which may be
            // before the connect's own completion is seen here, and never before this.
            double start = loop.time();
            loop.runUntilComplete(loop.sockConnect(client, server.sockets().get(0).getLocalAddress()));

            byte[] received = loop.runUntilComplete(loop.sockRecv(client, 1));

            assertEquals(0, received.length, "end of stream: the server closed the connection");
            // The epsilon covers only the clock's rounding to seconds in a double.
            assertTrue(loop.time() - start >= TIMEOUT - 1e-6, "closed by the timeout, not at once");
        }
        server.close();
        loop.runUntilComplete(server.waitClosed());
    }

    @Test
    void aClientGivesUpOnAServerThatNeverAnswers() throws Exception {
        try (ServerSocketChannel silent = ServerSocketChannel.open()) {
            silent.bind(new InetSocketAddress(HOST, 0)); // the kernel completes connections; nobody answers
            int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
            TlsTransportBuilder builder =
                    TlsTransportBuilder.client(SSLContext.getDefault(), HOST, port, null).withHandshakeTimeout(TIMEOUT);

            ConnectionError timedOut = assertThrows(ConnectionError.class, () -> loop.runUntilComplete(
                    Transports.createConnection(loop, this::recordingProtocol, HOST, port, builder)));

            assertInstanceOf(SocketTimeoutException.class, timedOut.getCause());
            assertEquals("SSL handshake is taking longer than 0.2 seconds: aborting the connection", timedOut.getMessage());
        }
    }
}
