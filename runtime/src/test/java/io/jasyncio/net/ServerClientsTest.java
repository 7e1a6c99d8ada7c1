package io.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Server.closeClients and abortClients (asyncio 3.13's test_server cases): the accepted connections end, the server listens on. */
@Timeout(60)
class ServerClientsTest {

    private static void endsTheClients(boolean abort) {
        try (EventLoop loop = EventLoop.newEventLoop()) {
            List<StreamWriter> accepted = new ArrayList<>();
            Server server = loop.runUntilComplete(Streams.startServer((reader, writer) -> {
                accepted.add(writer);
                return Asyncio.sleep(3600); // a handler that would keep its connection for an hour
            }, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).socket().getLocalSocketAddress()).getPort();
            Connection first = loop.runUntilComplete(Streams.openConnection("127.0.0.1", port));
            Connection second = loop.runUntilComplete(Streams.openConnection("127.0.0.1", port));
            for (int i = 0; i < 100_000 && accepted.size() < 2; i++) {
                loop.runUntilComplete(Asyncio.sleep(0)); // bounded: until the server has taken both
            }
            assertEquals(2, accepted.size(), "both connections accepted");

            if (abort) {
                server.abortClients();
            } else {
                server.closeClients();
            }

            assertArrayEquals(new byte[0], loop.runUntilComplete(first.reader().read()), "the first client sees the end");
            assertArrayEquals(new byte[0], loop.runUntilComplete(second.reader().read()), "so does the second");
            assertEquals(true, server.isServing(), "the server still listens");
            first.writer().close();
            second.writer().close();
            server.close();
            loop.runUntilComplete(server.waitClosed());
        }
    }

    @Test
    void closeClientsEndsEveryAcceptedConnection() {
        endsTheClients(false);
    }

    @Test
    void abortClientsEndsEveryAcceptedConnection() {
        endsTheClients(true);
    }
}
