package io.jasyncio.it.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jasyncio.EventLoop;
import io.jasyncio.net.Server;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EchoTest {
    private final EventLoop loop = EventLoop.newEventLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    @Test
    void linesComeBackAndTheHalfCloseEndsTheConversation() {
        Server server = loop.runUntilComplete(Echo.start());
        int port = server.sockets().get(0).socket().getLocalPort();
        List<byte[]> lines = List.of("hello\n".getBytes(UTF_8), "world\n".getBytes(UTF_8));

        List<byte[]> echoes = loop.runUntilComplete(Echo.roundTrips(port, lines));

        assertEquals(lines.size(), echoes.size());
        for (int i = 0; i < lines.size(); i++) {
            assertArrayEquals(lines.get(i), echoes.get(i));
        }
        server.close();
        loop.runUntilComplete(server.waitClosed());
        assertFalse(server.isServing());
    }
}
