package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.net.ConnectionError;
import io.jasyncio.net.Datagram;
import io.jasyncio.net.DatagramProtocol;
import io.jasyncio.net.DatagramTransport;
import io.jasyncio.net.Endpoint;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.Server;
import io.jasyncio.net.Transport;
import io.jasyncio.net.Transports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The networking half of {@link EventLoop}'s public API: watching channels ({@code add_reader}
 * and the rest), the socket calls ({@code sock_recv} and the rest), name resolution,
 * connections, servers, datagram endpoints, Unix domain sockets, the TLS upgrade and
 * {@code sendfile}. Every public method here is one of {@code EventLoop}'s, and is documented
 * there; this class exists so that {@code EventLoop.java} holds the loop itself, as asyncio
 * keeps its selector's methods ({@code selector_events.py}) apart from its scheduling
 * ({@code base_events.py}). The channels are watched by the loop's {@link SelectorIo}; each
 * other method builds a {@link SocketCall} or hands over to {@link io.jasyncio.net.Transports},
 * which watch channels through {@link #addReader}/{@link #addWriter}. Nothing here holds state.
 */
abstract sealed class EventLoopNetworking extends EventLoopTasks permits EventLoop {
    EventLoopNetworking() {}

    /** This loop, as the rest of the runtime takes it. */
    private EventLoop loop() {
        return (EventLoop) this;
    }

    // ---- watching channels -----------------------------------------------------------------

    /**
     * Calls {@code callback} in every iteration in which {@code channel} is ready to read (or,
     * for a server channel, to accept), until {@link #removeReader}; replaces the channel's
     * previous reader. asyncio's {@code add_reader}.
     *
     * @throws IllegalArgumentException if the channel is in blocking mode
     * @throws IllegalStateException if the channel is closed
     */
    public void addReader(SelectableChannel channel, Runnable callback) {
        watch(channel, ChannelWatch.READ, callback);
    }

    /**
     * Stops calling the channel's reader; a call already queued for this iteration is dropped.
     * A channel closed before its last callback is removed is released (its file descriptor
     * closed) at once.
     *
     * @return whether a reader was registered
     */
    public boolean removeReader(SelectableChannel channel) {
        return unwatch(channel, ChannelWatch.READ);
    }

    /**
     * Calls {@code callback} in every iteration in which {@code channel} is ready to write (or,
     * for a connection in progress, to finish connecting), until {@link #removeWriter}; replaces
     * the channel's previous writer. asyncio's {@code add_writer}.
     *
     * @throws IllegalArgumentException if the channel is in blocking mode
     * @throws IllegalStateException if the channel is closed
     */
    public void addWriter(SelectableChannel channel, Runnable callback) {
        watch(channel, ChannelWatch.WRITE, callback);
    }

    /**
     * Stops calling the channel's writer; a call already queued for this iteration is dropped.
     *
     * @return whether a writer was registered
     */
    public boolean removeWriter(SelectableChannel channel) {
        return unwatch(channel, ChannelWatch.WRITE);
    }

    /** addReader/addWriter: {@code callback} replaces the channel's previous one for {@code direction}. */
    private void watch(SelectableChannel channel, int direction, Runnable callback) {
        EventLoop loop = loop();
        loop.checkThread();
        loop.checkClosed();
        loop.io().watch(channel, direction, new Handle(Handle.requireCallback(callback)));
    }

    /** removeReader/removeWriter: whether there was a callback for {@code direction}. */
    private boolean unwatch(SelectableChannel channel, int direction) {
        EventLoop loop = loop();
        loop.checkThread();
        return loop.io().unwatch(channel, direction);
    }

    // ---- sockets, connections and servers --------------------------------------------------

    /**
     * A coroutine that receives up to {@code n} bytes from {@code channel}, waiting until some
     * arrive; an empty array at end of stream. asyncio's {@code sock_recv}.
     *
     * @throws IllegalArgumentException if the channel is in blocking mode
     */
    public Coroutine<byte[]> sockRecv(SocketChannel channel, int n) {
        return new SocketCall.Recv(loop(), channel, n);
    }

    /** A coroutine that sends all of {@code data}, waiting while the socket is full. */
    public Coroutine<Void> sockSendall(SocketChannel channel, byte[] data) {
        return sockSendall(channel, ByteBuffer.wrap(data));
    }

    /** A coroutine that sends the buffer's remaining bytes, consuming them. */
    public Coroutine<Void> sockSendall(SocketChannel channel, ByteBuffer data) {
        return new SocketCall.Sendall(loop(), channel, data);
    }

    /** A coroutine that connects {@code channel} to {@code address} and returns once connected. */
    public Coroutine<Void> sockConnect(SocketChannel channel, SocketAddress address) {
        return new SocketCall.Connect(loop(), channel, address);
    }

    /**
     * A coroutine that receives one datagram, waiting until one arrives, and returns its data
     * (cut to {@code n} bytes, as the system cuts a datagram longer than the buffer) with the
     * sender's address. asyncio's {@code sock_recvfrom}.
     *
     * @throws IllegalArgumentException if the channel is in blocking mode
     */
    public Coroutine<Datagram> sockRecvfrom(DatagramChannel channel, int n) {
        return new SocketCall.Recvfrom(loop(), channel, n);
    }

    /**
     * A coroutine that sends {@code data} as one datagram to {@code address} (null: the address
     * the channel is connected to), waiting while the send buffer is full, and returns the
     * number of bytes sent. asyncio's {@code sock_sendto}.
     */
    public Coroutine<Integer> sockSendto(DatagramChannel channel, byte[] data, SocketAddress address) {
        return new SocketCall.Sendto(loop(), channel, ByteBuffer.wrap(data), address);
    }

    /** A coroutine that accepts a connection, returned in non-blocking mode. */
    public Coroutine<SocketChannel> sockAccept(ServerSocketChannel channel) {
        return new SocketCall.Accept(loop(), channel);
    }

    /**
     * A coroutine that looks {@code host} up in the default executor (the lookup blocks) and
     * returns its addresses with {@code port}. An unknown host is an {@code UncheckedIOException}
     * whose cause is the {@code UnknownHostException}.
     */
    public Coroutine<List<InetSocketAddress>> getaddrinfo(String host, int port) {
        if (host == null) {
            throw new NullPointerException("host");
        }
        return lookUp(host, port);
    }

    /**
     * A coroutine that looks up the host name of {@code address} in the default executor (the
     * reverse lookup blocks) and returns it with the port, as {@link InetSocketAddress#getHostName()}
     * and {@link InetSocketAddress#getPort()} of the address returned: asyncio's
     * {@code getnameinfo}. Where the system knows no name, the name is the address's text.
     */
    public Coroutine<InetSocketAddress> getnameinfo(InetSocketAddress address) {
        if (address == null || address.getAddress() == null) {
            throw new IllegalArgumentException("getnameinfo needs a resolved address: " + address);
        }
        return nameOf(address);
    }

    @Async
    private Coroutine<InetSocketAddress> nameOf(InetSocketAddress address) {
        return result(await(loop().runInExecutor(null, () -> {
            try {
                byte[] raw = address.getAddress().getAddress();
                String name = InetAddress.getByAddress(raw).getHostName(); // a fresh one: its name is looked up
                return new InetSocketAddress(InetAddress.getByAddress(name, raw), address.getPort());
            } catch (IOException e) {
                throw ConnectionError.translate(e);
            }
        })));
    }

    /** {@link #getaddrinfo}, once awaited: the blocking lookup in the default executor. */
    @Async
    private Coroutine<List<InetSocketAddress>> lookUp(String host, int port) {
        return result(await(loop().runInExecutor(null, () -> {
            try {
                return Arrays.stream(InetAddress.getAllByName(host))
                        .map(address -> new InetSocketAddress(address, port))
                        .toList();
            } catch (IOException e) {
                throw ConnectionError.translate(e);
            }
        })));
    }

    /**
     * A coroutine that connects to {@code host:port} and returns the transport with the protocol
     * {@code protocolFactory} made for it, once its {@code connectionMade} has run. asyncio's
     * {@code create_connection}; see {@link Transports#createConnection}.
     */
    public <P extends Protocol> Coroutine<Endpoint<Transport, P>> createConnection(
            Supplier<P> protocolFactory, String host, int port) {
        return Transports.createConnection(loop(), protocolFactory, host, port);
    }

    /**
     * {@link #createConnection(Supplier, String, int)} racing the host's addresses, RFC 8305's
     * "happy eyeballs" (asyncio's {@code happy_eyeballs_delay} and {@code interleave}); see
     * {@link Transports#createConnection(EventLoop, Supplier, String, int, double, int)}.
     */
    public <P extends Protocol> Coroutine<Endpoint<Transport, P>> createConnection(
            Supplier<P> protocolFactory, String host, int port, double happyEyeballsDelay, int interleave) {
        return Transports.createConnection(loop(), protocolFactory, host, port, happyEyeballsDelay, interleave);
    }

    /**
     * A coroutine that starts a server on {@code host:port} (port 0: an ephemeral one) giving
     * each connection a protocol from {@code protocolFactory}. asyncio's {@code create_server};
     * see {@link Transports#createServer}.
     */
    public Coroutine<Server> createServer(Supplier<? extends Protocol> protocolFactory, String host, int port) {
        return Transports.createServer(loop(), protocolFactory, host, port);
    }

    /**
     * A coroutine that upgrades {@code transport}, a plain connection, to TLS and returns the
     * TLS transport: asyncio's {@code start_tls}; see {@link Transports#startTls}.
     */
    public Coroutine<Transport> startTls(Transport transport, Protocol protocol, javax.net.ssl.SSLContext sslContext,
            boolean serverSide, String serverHostname) {
        return Transports.startTls(loop(), transport, protocol, sslContext, serverSide, serverHostname);
    }

    /**
     * A coroutine that writes {@code count} bytes of {@code file} from {@code offset} (0: to
     * its end) through {@code transport} and returns how many it wrote: asyncio's
     * {@code sendfile}; see {@link Transports#sendfile}.
     */
    public Coroutine<Long> sendfile(Transport transport, java.nio.channels.FileChannel file, long offset, long count) {
        return Transports.sendfile(loop(), transport, file, offset, count);
    }

    /**
     * A coroutine that connects to the Unix domain socket at {@code path} with a protocol from
     * {@code protocolFactory}: asyncio's {@code create_unix_connection}; see
     * {@link Transports#createUnixConnection}.
     */
    public <P extends Protocol> Coroutine<Endpoint<Transport, P>> createUnixConnection(Supplier<P> protocolFactory,
            java.nio.file.Path path) {
        return Transports.createUnixConnection(loop(), protocolFactory, path);
    }

    /**
     * A coroutine that starts a server on a Unix domain socket at {@code path}, giving each
     * connection a protocol from {@code protocolFactory}: asyncio's {@code create_unix_server}.
     */
    public Coroutine<Server> createUnixServer(Supplier<? extends Protocol> protocolFactory, java.nio.file.Path path) {
        return Transports.createUnixServer(loop(), protocolFactory, path, Transports.DEFAULT_BACKLOG);
    }

    /**
     * {@link #createServer(Supplier, String, int)} with a listen {@code backlog} (asyncio's
     * default is 100): how many connections the system queues until the server accepts them.
     */
    public Coroutine<Server> createServer(Supplier<? extends Protocol> protocolFactory, String host, int port,
            int backlog) {
        return Transports.createServer(loop(), protocolFactory, host, port, backlog);
    }

    /**
     * A coroutine that opens a UDP endpoint bound to {@code localAddr} (null: an ephemeral
     * port) and, if {@code remoteAddr} is not null, connected to it. asyncio's
     * {@code create_datagram_endpoint}; see {@link Transports#createDatagramEndpoint}.
     */
    public <P extends DatagramProtocol> Coroutine<Endpoint<DatagramTransport, P>> createDatagramEndpoint(
            Supplier<P> protocolFactory, SocketAddress localAddr, SocketAddress remoteAddr) {
        return Transports.createDatagramEndpoint(loop(), protocolFactory, localAddr, remoteAddr);
    }
}
