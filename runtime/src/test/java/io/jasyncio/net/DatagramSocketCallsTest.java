package io.jasyncio.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.EventLoop;
import io.jasyncio.Task;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * sockRecvfrom and sockSendto (asyncio's test_sock_lowlevel datagram cases) on 127.0.0.1, and
 * getnameinfo on the loopback address.
 */
@Timeout(60)
class DatagramSocketCallsTest {

    private static DatagramChannel bound() throws Exception {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        channel.configureBlocking(false);
        return channel;
    }

    @Test
    void aDatagramSentIsReceivedWithItsSender() throws Exception {
        try (EventLoop loop = EventLoop.newEventLoop(); DatagramChannel a = bound(); DatagramChannel b = bound()) {
            // b waits first: nothing has been sent yet, so it suspends until a's datagram comes
            Task<Datagram> received = loop.createTask(loop.sockRecvfrom(b, 100));
            loop.runUntilComplete(io.jasyncio.Asyncio.sleep(0));
            assertFalse(received.done(), "nothing to receive yet");
            int sent = loop.runUntilComplete(loop.sockSendto(a, "ping".getBytes(US_ASCII), b.getLocalAddress()));
            assertEquals(4, sent);
            Datagram datagram = loop.runUntilComplete(received);
            assertArrayEquals("ping".getBytes(US_ASCII), datagram.data());
            assertEquals(a.getLocalAddress(), datagram.address());
        }
    }

    @Test
    void aDatagramLongerThanTheBufferIsCutAndAConnectedChannelNeedsNoAddress() throws Exception {
        try (EventLoop loop = EventLoop.newEventLoop(); DatagramChannel a = bound(); DatagramChannel b = bound()) {
            a.connect(b.getLocalAddress());
            assertEquals(10, loop.runUntilComplete(loop.sockSendto(a, "0123456789".getBytes(US_ASCII), null)));
            Datagram datagram = loop.runUntilComplete(loop.sockRecvfrom(b, 4));
            assertArrayEquals("0123".getBytes(US_ASCII), datagram.data());
        }
    }

    @Test
    void aBlockingChannelOrANegativeSizeIsRefused() throws Exception {
        try (EventLoop loop = EventLoop.newEventLoop(); DatagramChannel blocking = DatagramChannel.open();
                DatagramChannel a = bound()) {
            assertThrows(IllegalArgumentException.class, () -> loop.sockRecvfrom(blocking, 10));
            assertThrows(IllegalArgumentException.class, () -> loop.sockRecvfrom(a, -1));
        }
    }

    @Test
    void getnameinfoGivesTheLoopbackAddressAName() throws Exception {
        try (EventLoop loop = EventLoop.newEventLoop()) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080);
            InetSocketAddress named = loop.runUntilComplete(loop.getnameinfo(address));
            assertEquals(8080, named.getPort());
            assertEquals(address.getAddress(), named.getAddress());
            // what the system's resolver calls 127.0.0.1, looked up the blocking way for comparison
            assertEquals(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).getHostName(), named.getHostName());
            assertThrows(IllegalArgumentException.class,
                    () -> loop.getnameinfo(InetSocketAddress.createUnresolved("example.com", 80)));
        }
    }
}
