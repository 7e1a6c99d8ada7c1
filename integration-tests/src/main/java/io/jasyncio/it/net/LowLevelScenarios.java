package io.jasyncio.it.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.it.net.ProtocolScenarios.pattern;
import static io.jasyncio.it.net.StreamScenarios.HOST;
import static io.jasyncio.it.net.StreamScenarios.ascii;

import io.jasyncio.Async;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.net.ConnectionRefusedError;
import io.jasyncio.net.DatagramProtocol;
import io.jasyncio.net.DatagramTransport;
import io.jasyncio.net.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** sockConnect/sockSendall/sockRecv/sockAccept, getaddrinfo, refused connections and UDP (test_sock_lowlevel). */
public final class LowLevelScenarios {
    private LowLevelScenarios() {}

    static ServerSocketChannel listener() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(HOST, 0));
        server.configureBlocking(false);
        return server;
    }

    static SocketChannel nonBlockingSocket() throws IOException {
        SocketChannel socket = SocketChannel.open();
        socket.configureBlocking(false);
        return socket;
    }

    /** Receives exactly {@code n} bytes with sockRecv. */
    @Async
    static Coroutine<byte[]> recvAll(SocketChannel socket, int n) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (received.size() < n) {
            byte[] chunk = await(getRunningLoop().sockRecv(socket, n - received.size()));
            if (chunk.length == 0) {
                throw new AssertionError("end of stream after " + received.size() + " bytes");
            }
            received.writeBytes(chunk);
        }
        return result(received.toByteArray());
    }

    /**
     * Connects to a listener, sends 4 MiB one way and back (more than the socket buffers hold,
     * so sockSendall waits), then the client half-closes and sockRecv gives an empty array.
     */
    @Async
    public static Coroutine<List<String>> sendAndEchoBack() throws IOException {
        EventLoop loop = getRunningLoop();
        List<String> log = new ArrayList<>();
        try (ServerSocketChannel server = listener(); SocketChannel client = nonBlockingSocket()) {
            Task<SocketChannel> accepting = createTask(loop.sockAccept(server));
            await(loop.sockConnect(client, server.getLocalAddress()));
            try (SocketChannel accepted = await(accepting)) {
                log.add("accepted non-blocking " + !accepted.isBlocking());
                byte[] data = pattern(4 * 1024 * 1024);
                Task<byte[]> serverReads = createTask(recvAll(accepted, data.length));
                await(loop.sockSendall(client, data));
                byte[] atServer = await(serverReads);
                log.add("server got it " + Arrays.equals(data, atServer));
                Task<byte[]> clientReads = createTask(recvAll(client, data.length));
                await(loop.sockSendall(accepted, atServer));
                log.add("client got it back " + Arrays.equals(data, await(clientReads)));
                client.shutdownOutput();
                log.add("end of stream " + await(loop.sockRecv(accepted, 10)).length);
            }
        }
        return result(log);
    }

    /**
     * A task waiting in sockRecv, then one waiting in sockAccept, is cancelled: the reader is
     * gone at once, and a later call on the same channel works (test_cancel_sock_accept,
     * test_prompt_cancellation).
     */
    @Async
    public static Coroutine<List<String>> cancelledCalls() throws IOException {
        EventLoop loop = getRunningLoop();
        List<String> log = new ArrayList<>();
        try (ServerSocketChannel server = listener(); SocketChannel client = nonBlockingSocket()) {
            Task<SocketChannel> accepting = createTask(loop.sockAccept(server));
            await(loop.sockConnect(client, server.getLocalAddress()));
            try (SocketChannel accepted = await(accepting)) {
                Task<byte[]> blocked = createTask(loop.sockRecv(accepted, 100));
                await(sleep(0));
                log.add("blocked done " + blocked.done());
                blocked.cancel();
                try {
                    await(blocked);
                } catch (CancelledError e) {
                    log.add("cancelled");
                }
                log.add("reader still registered " + loop.removeReader(accepted));
                await(loop.sockSendall(client, ascii("after cancel")));
                log.add("recv " + ascii(await(loop.sockRecv(accepted, 100))));
            }
            Task<SocketChannel> blockedAccept = createTask(loop.sockAccept(server));
            await(sleep(0));
            blockedAccept.cancel();
            try {
                await(blockedAccept);
            } catch (CancelledError e) {
                log.add("accept cancelled");
            }
            log.add("accept reader still registered " + loop.removeReader(server));
            try (SocketChannel second = nonBlockingSocket()) {
                Task<SocketChannel> acceptAgain = createTask(loop.sockAccept(server));
                await(loop.sockConnect(second, server.getLocalAddress()));
                try (SocketChannel acceptedAgain = await(acceptAgain)) {
                    log.add("accepted again " + acceptedAgain.getRemoteAddress().equals(second.getLocalAddress()));
                }
            }
        }
        return result(log);
    }

    /** getaddrinfo("localhost", port) in the executor. */
    @Async
    public static Coroutine<List<InetSocketAddress>> resolveLocalhost(int port) {
        return result(await(getRunningLoop().getaddrinfo("localhost", port)));
    }

    /** A port that was just listened on and is closed now. */
    static SocketAddress closedPort() throws IOException {
        try (ServerSocketChannel server = listener()) {
            return server.getLocalAddress();
        }
    }

    /** createConnection and sockConnect to a closed port: both refused at the await. */
    @Async
    public static Coroutine<List<String>> refused() throws IOException {
        EventLoop loop = getRunningLoop();
        InetSocketAddress closed = (InetSocketAddress) closedPort();
        List<String> log = new ArrayList<>();
        try {
            await(loop.createConnection(RecordingProtocol::new, HOST, closed.getPort()));
            log.add("connected");
        } catch (ConnectionRefusedError e) {
            log.add("createConnection " + e.getClass().getSimpleName());
        }
        try {
            await(loop.createConnection(RecordingProtocol::new, "localhost", closed.getPort()));
            log.add("connected");
        } catch (ConnectionRefusedError e) {
            log.add("createConnection localhost " + e.getClass().getSimpleName());
        }
        try (SocketChannel socket = nonBlockingSocket()) {
            await(loop.sockConnect(socket, closed));
            log.add("connected");
        } catch (ConnectionRefusedError e) {
            log.add("sockConnect " + e.getClass().getSimpleName());
        }
        return result(log);
    }

    // ---- UDP -------------------------------------------------------------------------------

    /** A UDP endpoint that logs its callbacks and completes {@link #lost} at the end. */
    abstract static class UdpEndpoint implements DatagramProtocol {
        final List<String> log = new ArrayList<>();
        final Future<Void> lost = getRunningLoop().createFuture();
        DatagramTransport transport;

        @Override
        public void connectionMade(DatagramTransport transport) {
            this.transport = transport;
            log.add("made");
        }

        @Override
        public void connectionLost(Throwable exc) {
            log.add("lost " + exc);
            lost.setResult(null);
        }
    }

    /** Sends every datagram back where it came from. */
    static final class UdpEcho extends UdpEndpoint {
        @Override
        public void datagramReceived(byte[] data, SocketAddress addr) {
            transport.sendto(data, addr);
        }
    }

    /** Hands each datagram to the future {@link #next()} returned. */
    static final class UdpClient extends UdpEndpoint {
        private Future<byte[]> next;

        Future<byte[]> next() {
            next = getRunningLoop().createFuture();
            return next;
        }

        @Override
        public void datagramReceived(byte[] data, SocketAddress addr) {
            next.setResult(data);
        }
    }

    /** {@code count} datagrams of growing size, each echoed and compared; the client's log. */
    @Async
    public static Coroutine<List<String>> udpEcho(int count) {
        EventLoop loop = getRunningLoop();
        Endpoint<DatagramTransport, UdpEcho> server =
                await(loop.createDatagramEndpoint(UdpEcho::new, new InetSocketAddress(HOST, 0), null));
        SocketAddress serverAddress = (SocketAddress) server.transport().getExtraInfo("sockname");
        Endpoint<DatagramTransport, UdpClient> client =
                await(loop.createDatagramEndpoint(UdpClient::new, null, serverAddress));
        UdpClient protocol = client.protocol();
        List<String> log = new ArrayList<>();
        log.add("peername " + serverAddress.equals(client.transport().getExtraInfo("peername")));
        int echoed = 0;
        for (int i = 0; i < count; i++) {
            byte[] datagram = pattern(1 + i * 97);
            Future<byte[]> reply = protocol.next();
            client.transport().sendto(datagram);
            if (Arrays.equals(datagram, await(reply))) {
                echoed++;
            }
        }
        log.add("echoed " + echoed);
        try {
            client.transport().sendto(new byte[1], new InetSocketAddress(HOST, 9));
        } catch (IllegalArgumentException e) {
            log.add("connected endpoint, other address rejected");
        }
        try {
            server.transport().sendto(new byte[1]);
        } catch (IllegalArgumentException e) {
            log.add("unconnected endpoint, no address rejected");
        }
        client.transport().close();
        await(protocol.lost);
        server.transport().close();
        await(server.protocol().lost);
        log.add("client " + protocol.log);
        log.add("server " + server.protocol().log);
        return result(log);
    }
}
