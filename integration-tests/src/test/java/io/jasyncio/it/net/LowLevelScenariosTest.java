package io.jasyncio.it.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** sock* calls, getaddrinfo, refused connections and UDP (test_sock_lowlevel). */
class LowLevelScenariosTest extends NetLoopTest {
    @Test
    void sockCallsConnectAcceptSendAndReceive() throws IOException {
        assertEquals(List.of(
                "accepted non-blocking true",
                "server got it true",
                "client got it back true",
                "end of stream 0"), run(LowLevelScenarios.sendAndEchoBack()));
        assertNoErrors();
    }

    @Test
    void cancellingSockRecvOrSockAcceptUnregistersItsReader() throws IOException {
        assertEquals(List.of(
                "blocked done false",
                "cancelled",
                "reader still registered false",
                "recv after cancel",
                "accept cancelled",
                "accept reader still registered false",
                "accepted again true"), run(LowLevelScenarios.cancelledCalls()));
        assertNoErrors();
    }

    @Test
    void blockingChannelsAreRejected() throws IOException {
        try (SocketChannel socket = SocketChannel.open(); ServerSocketChannel server = ServerSocketChannel.open()) {
            InetSocketAddress address = new InetSocketAddress(StreamScenarios.HOST, 1);
            assertNonBlockingRequired(() -> loop.sockRecv(socket, 10));
            assertNonBlockingRequired(() -> loop.sockSendall(socket, new byte[1]));
            assertNonBlockingRequired(() -> loop.sockConnect(socket, address));
            assertNonBlockingRequired(() -> loop.sockAccept(server));
        }
    }

    private static void assertNonBlockingRequired(Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith("the socket must be non-blocking"), e.getMessage());
    }

    @Test
    void getaddrinfoResolvesLocalhostToLoopbackAddressesWithThePort() {
        List<InetSocketAddress> addresses = run(LowLevelScenarios.resolveLocalhost(8765));
        assertFalse(addresses.isEmpty());
        for (InetSocketAddress address : addresses) {
            assertTrue(address.getAddress().isLoopbackAddress(), address.toString());
            assertEquals(8765, address.getPort());
        }
    }

    @Test
    void connectingToAClosedPortIsRefused() throws IOException {
        assertEquals(List.of("createConnection ConnectionRefusedError", "createConnection localhost ConnectionRefusedError",
                        "sockConnect ConnectionRefusedError"),
                run(LowLevelScenarios.refused()));
        assertNoErrors();
    }

    @Test
    void datagramsAreEchoed() {
        assertEquals(List.of("peername true", "echoed 50", "connected endpoint, other address rejected",
                        "unconnected endpoint, no address rejected", "client [made, lost null]", "server [made, lost null]"),
                run(LowLevelScenarios.udpEcho(50)));
        assertNoErrors();
    }
}
