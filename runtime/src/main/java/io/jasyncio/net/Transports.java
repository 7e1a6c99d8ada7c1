package io.jasyncio.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.internal.Throwables;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * The transport-and-protocol layer's entry points: what {@link EventLoop#createConnection} and
 * {@link EventLoop#createServer} call, with the loop as an explicit argument. Each returns a
 * coroutine that does nothing until awaited.
 */
public final class Transports {
    /** asyncio's default listen backlog. */
    public static final int DEFAULT_BACKLOG = 100;

    private Transports() {}

    /**
     * Connects to {@code host:port}, trying each of its addresses in turn, and attaches a
     * protocol from {@code protocolFactory} to the new transport. The coroutine returns once
     * the protocol's {@code connectionMade} has run.
     *
     * @throws ConnectionRefusedError (when awaited) if nothing listens there; when every
     *     address fails differently, a {@link ConnectionError} "Multiple exceptions: ..."
     */
    public static <P extends Protocol> Coroutine<Endpoint<Transport, P>> createConnection(
            EventLoop loop, Supplier<P> protocolFactory, String host, int port) {
        return createConnection(loop, protocolFactory, host, port, TransportBuilder.PLAIN);
    }

    /**
     * {@link #createConnection(EventLoop, Supplier, String, int)} over TLS: the coroutine returns
     * once the handshake is done and the protocol's {@code connectionMade} has run. The server's
     * certificate is verified by {@code ssl}'s trust managers, and its name against {@code host}
     * when that is a name (not an address literal), which is also sent as SNI.
     *
     * <pre>{@code
     * SSLContext ssl = SSLContext.getDefault();
     * Endpoint<Transport, MyProtocol> endpoint =
     *         await(Transports.createConnection(loop, MyProtocol::new, "example.com", 443, ssl));
     * }</pre>
     *
     * <p>The transport's {@code getExtraInfo} adds "sslcontext", "ssl_object" (the
     * {@code SSLEngine}), "peercert" (a {@code Certificate[]}) and "cipher"; it cannot
     * {@code writeEof()}, and the peer's close_notify is the protocol's {@code eofReceived}.
     *
     * @throws java.io.UncheckedIOException (when awaited) if the handshake fails, with the
     *     {@link javax.net.ssl.SSLException} as its cause (asyncio's {@code ssl.SSLError}); the
     *     connection is closed
     */
    public static <P extends Protocol> Coroutine<Endpoint<Transport, P>> createConnection(
            EventLoop loop, Supplier<P> protocolFactory, String host, int port, SSLContext ssl) {
        return createConnection(loop, protocolFactory, host, port, TlsTransportBuilder.client(ssl, host, port, null));
    }

    /**
     * {@link #createServer(EventLoop, Supplier, String, int)} over TLS: each accepted connection's
     * protocol gets {@code connectionMade} once its handshake is done (with {@code ssl}'s key
     * manager's certificate); a connection whose handshake fails is closed, and its protocol is
     * never called.
     *
     * <pre>{@code
     * KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
     * keys.init(keyStore, password);
     * SSLContext ssl = SSLContext.getInstance("TLS");
     * ssl.init(keys.getKeyManagers(), null, null);
     * Server server = await(Transports.createServer(loop, Echo::new, "127.0.0.1", 8443, ssl));
     * }</pre>
     */
    public static Coroutine<Server> createServer(
            EventLoop loop, Supplier<? extends Protocol> protocolFactory, String host, int port, SSLContext ssl) {
        return createServer(loop, protocolFactory, host, port, DEFAULT_BACKLOG, TlsTransportBuilder.server(ssl));
    }

    /** {@link #createServer(EventLoop, Supplier, String, int, int)} with asyncio's backlog of 100. */
    public static Coroutine<Server> createServer(
            EventLoop loop, Supplier<? extends Protocol> protocolFactory, String host, int port) {
        return createServer(loop, protocolFactory, host, port, DEFAULT_BACKLOG);
    }

    /**
     * Listens on {@code host:port} (every address of {@code host}; null or "" for every
     * interface; port 0 for an ephemeral port) and attaches a protocol from
     * {@code protocolFactory} to each accepted connection. The server is serving when the
     * coroutine returns.
     */
    public static Coroutine<Server> createServer(
            EventLoop loop, Supplier<? extends Protocol> protocolFactory, String host, int port, int backlog) {
        return createServer(loop, protocolFactory, host, port, backlog, TransportBuilder.PLAIN);
    }

    /**
     * Opens a UDP endpoint bound to {@code localAddr} (null: the wildcard address and an
     * ephemeral port) and, if {@code remoteAddr} is not null, connected to it, with a protocol
     * from {@code protocolFactory}. The coroutine returns once its {@code connectionMade} has run.
     */
    public static <P extends DatagramProtocol> Coroutine<Endpoint<DatagramTransport, P>> createDatagramEndpoint(
            EventLoop loop, Supplier<P> protocolFactory, SocketAddress localAddr, SocketAddress remoteAddr) {
        if (protocolFactory == null) {
            throw new NullPointerException("protocolFactory");
        }
        return openDatagramEndpoint(loop, protocolFactory, localAddr, remoteAddr);
    }

    /** createDatagramEndpoint, once awaited: the channel, then the transport once connectionMade has run. */
    @Async
    private static <P extends DatagramProtocol> Coroutine<Endpoint<DatagramTransport, P>> openDatagramEndpoint(
            EventLoop loop, Supplier<P> protocolFactory, SocketAddress localAddr, SocketAddress remoteAddr) {
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open();
            channel.bind(localAddr);
            if (remoteAddr != null) {
                channel.connect(remoteAddr);
            }
            channel.configureBlocking(false);
        } catch (IOException e) {
            if (channel != null) {
                closeQuietly(channel);
            }
            throw ConnectionError.translate(e);
        }
        Future<Void> ready = loop.createFuture();
        P protocol = protocolFactory.get();
        DatagramSocketTransport transport = new DatagramSocketTransport(loop, channel, protocol, remoteAddr);
        transport.start(ready);
        await(ready);
        return result(new Endpoint<DatagramTransport, P>(transport, protocol));
    }

    /**
     * {@link #createConnection(EventLoop, Supplier, String, int)} racing the host's addresses
     * (RFC 8305's "happy eyeballs", asyncio's {@code happy_eyeballs_delay} and
     * {@code interleave}): the first address is tried, and each next one
     * {@code happyEyeballsDelay} seconds after the one before started, or at once when it
     * failed; the first connection made wins and the other attempts are cancelled and closed.
     * RFC 8305 recommends 0.25 seconds.
     *
     * @param interleave how many addresses of the first family (IPv6 or IPv4, whichever the
     *     lookup gave first) to try before alternating the families; 0 keeps the lookup's order
     * @throws IllegalArgumentException if the delay is negative or not a number, or
     *     {@code interleave} is negative
     */
    public static <P extends Protocol> Coroutine<Endpoint<Transport, P>> createConnection(
            EventLoop loop, Supplier<P> protocolFactory, String host, int port,
            double happyEyeballsDelay, int interleave) {
        checkHappyEyeballs(happyEyeballsDelay, interleave);
        return createConnection(loop, protocolFactory, host, port, TransportBuilder.PLAIN, happyEyeballsDelay, interleave);
    }

    /**
     * @throws IllegalArgumentException if the delay is negative or not a number, or
     *     {@code interleave} is negative
     */
    static void checkHappyEyeballs(double happyEyeballsDelay, int interleave) {
        if (!(happyEyeballsDelay >= 0)) {
            throw new IllegalArgumentException("happyEyeballsDelay must be 0 or more: " + happyEyeballsDelay);
        }
        if (interleave < 0) {
            throw new IllegalArgumentException("interleave must be 0 or more: " + interleave);
        }
    }

    static <P extends Protocol> Coroutine<Endpoint<Transport, P>> createConnection(
            EventLoop loop, Supplier<P> protocolFactory, String host, int port, TransportBuilder builder) {
        return createConnection(loop, protocolFactory, host, port, builder, Double.NaN, 0);
    }

    /** With a {@code happyEyeballsDelay} of NaN, the addresses are tried one at a time. */
    static <P extends Protocol> Coroutine<Endpoint<Transport, P>> createConnection(
            EventLoop loop, Supplier<P> protocolFactory, String host, int port, TransportBuilder builder,
            double happyEyeballsDelay, int interleave) {
        if (protocolFactory == null) {
            throw new NullPointerException("protocolFactory");
        }
        return connect(loop, protocolFactory, host, port, builder, happyEyeballsDelay, interleave);
    }

    /** createConnection, once awaited: resolve, connect to one of the addresses, then start the transport. */
    @Async
    private static <P extends Protocol> Coroutine<Endpoint<Transport, P>> connect(
            EventLoop loop, Supplier<P> protocolFactory, String host, int port, TransportBuilder builder,
            double happyEyeballsDelay, int interleave) {
        List<InetSocketAddress> addresses = interleaved(await(resolve(loop, host, port, false)), interleave);
        List<Throwable> failures = new ArrayList<>();
        SocketChannel channel = Double.isNaN(happyEyeballsDelay)
                ? await(connectInTurn(loop, addresses, failures))
                : await(StaggeredRace.race(loop, attemptsOn(loop, addresses), happyEyeballsDelay,
                        Transports::closeQuietly, failures));
        if (channel == null) {
            throw Throwables.sneakyThrow(combinedFailure(host, failures));
        }
        return result(await(startTransport(loop, channel, protocolFactory, builder)));
    }

    /** The first of {@code addresses} that accepts a connection, trying one at a time; null if none does. */
    @Async
    private static Coroutine<SocketChannel> connectInTurn(
            EventLoop loop, List<InetSocketAddress> addresses, List<Throwable> failures) {
        for (InetSocketAddress address : addresses) {
            try {
                return result(await(connectTo(loop, address)));
            } catch (Throwable error) {
                if (error instanceof CancelledError cancelled) {
                    throw cancelled;
                }
                failures.add(error);
            }
        }
        return result(null);
    }

    private static List<Supplier<Coroutine<SocketChannel>>> attemptsOn(
            EventLoop loop, List<InetSocketAddress> addresses) {
        List<Supplier<Coroutine<SocketChannel>>> attempts = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            attempts.add(() -> connectTo(loop, address));
        }
        return attempts;
    }

    /** A socket connected to {@code address}; closed again if connecting fails or is cancelled. */
    @Async
    private static Coroutine<SocketChannel> connectTo(EventLoop loop, InetSocketAddress address) {
        SocketChannel channel = openNonBlocking();
        try {
            await(loop.sockConnect(channel, address));
        } catch (Throwable error) {
            closeQuietly(channel);
            throw Throwables.sneakyThrow(error);
        }
        return result(channel);
    }

    /**
     * {@code addresses} reordered as asyncio's {@code _interleave_addrinfos}: the first
     * {@code firstFamilyCount - 1} of the first family, then the families in turn, one address
     * each. 0 keeps the order.
     */
    static List<InetSocketAddress> interleaved(List<InetSocketAddress> addresses, int firstFamilyCount) {
        if (firstFamilyCount == 0) {
            return addresses;
        }
        Map<Class<?>, ArrayDeque<InetSocketAddress>> byFamily = new LinkedHashMap<>();
        for (InetSocketAddress address : addresses) {
            Class<?> family = address.getAddress() == null ? Void.class : address.getAddress().getClass();
            byFamily.computeIfAbsent(family, f -> new ArrayDeque<>()).add(address);
        }
        List<ArrayDeque<InetSocketAddress>> families = new ArrayList<>(byFamily.values());
        List<InetSocketAddress> reordered = new ArrayList<>(addresses.size());
        for (int i = 1; i < firstFamilyCount && !families.get(0).isEmpty(); i++) {
            reordered.add(families.get(0).poll());
        }
        while (reordered.size() < addresses.size()) {
            for (ArrayDeque<InetSocketAddress> family : families) {
                if (!family.isEmpty()) {
                    reordered.add(family.poll());
                }
            }
        }
        return reordered;
    }

    /** A connected channel's transport and protocol, once the protocol's connectionMade has run. */
    @Async
    private static <P extends Protocol> Coroutine<Endpoint<Transport, P>> startTransport(
            EventLoop loop, SocketChannel channel, Supplier<P> protocolFactory, TransportBuilder builder) {
        P protocol = protocolFactory.get();
        Future<Void> ready = loop.createFuture();
        Transport transport;
        try {
            transport = builder.start(loop, channel, protocol, null, ready);
        } catch (IOException e) {
            closeQuietly(channel);
            throw ConnectionError.translate(e);
        }
        try {
            await(ready);
        } catch (Throwable error) {
            transport.abort();
            throw Throwables.sneakyThrow(error);
        }
        return result(new Endpoint<>(transport, protocol));
    }

    /**
     * Connects to the Unix domain socket at {@code path} and attaches a protocol from
     * {@code protocolFactory}: asyncio's {@code create_unix_connection}. The coroutine returns
     * once the protocol's {@code connectionMade} has run.
     *
     * @throws ConnectionRefusedError (when awaited) if nothing listens there
     */
    public static <P extends Protocol> Coroutine<Endpoint<Transport, P>> createUnixConnection(
            EventLoop loop, Supplier<P> protocolFactory, Path path) {
        return createUnixConnection(loop, protocolFactory, path, TransportBuilder.PLAIN);
    }

    static <P extends Protocol> Coroutine<Endpoint<Transport, P>> createUnixConnection(
            EventLoop loop, Supplier<P> protocolFactory, Path path, TransportBuilder builder) {
        if (protocolFactory == null) {
            throw new NullPointerException("protocolFactory");
        }
        if (path == null) {
            throw new NullPointerException("path");
        }
        return connectUnix(loop, protocolFactory, path, builder);
    }

    @Async
    private static <P extends Protocol> Coroutine<Endpoint<Transport, P>> connectUnix(
            EventLoop loop, Supplier<P> protocolFactory, Path path, TransportBuilder builder) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.configureBlocking(false);
        } catch (IOException e) {
            throw ConnectionError.translate(e);
        }
        try {
            await(loop.sockConnect(channel, UnixDomainSocketAddress.of(path)));
        } catch (Throwable error) {
            closeQuietly(channel);
            throw Throwables.sneakyThrow(error);
        }
        return result(await(startTransport(loop, channel, protocolFactory, builder)));
    }

    /**
     * Listens on a Unix domain socket at {@code path} and attaches a protocol from
     * {@code protocolFactory} to each accepted connection: asyncio's {@code create_unix_server}.
     * A socket file left at {@code path} by an earlier server is replaced; the server is
     * serving when the coroutine returns.
     */
    public static Coroutine<Server> createUnixServer(EventLoop loop, Supplier<? extends Protocol> protocolFactory,
            Path path, int backlog) {
        return createUnixServer(loop, protocolFactory, path, backlog, TransportBuilder.PLAIN);
    }

    static Coroutine<Server> createUnixServer(EventLoop loop, Supplier<? extends Protocol> protocolFactory,
            Path path, int backlog, TransportBuilder builder) {
        if (protocolFactory == null) {
            throw new NullPointerException("protocolFactory");
        }
        if (path == null) {
            throw new NullPointerException("path");
        }
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be positive, got " + backlog);
        }
        Server.ConnectionFactory connections = (channel, server) ->
                builder.start(loop, channel, protocolFactory.get(), server, null);
        return listenUnix(loop, path, backlog, connections);
    }

    @Async
    private static Coroutine<Server> listenUnix(EventLoop loop, Path path, int backlog,
            Server.ConnectionFactory connections) {
        ServerSocketChannel socket = null;
        try {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    && Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
                Files.delete(path); // a socket file an earlier server left
            }
            socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            socket.bind(UnixDomainSocketAddress.of(path), backlog);
            socket.configureBlocking(false);
        } catch (IOException e) {
            if (socket != null) {
                closeQuietly(socket);
            }
            throw ConnectionError.translate(new IOException(
                    "error while attempting to bind on address " + path + ": " + e.getMessage(), e));
        }
        Server server = new Server(loop, List.of(socket), connections, backlog);
        server.startServing();
        return result(server);
    }

    private static SocketChannel openNonBlocking() {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            throw Throwables.sneakyThrow(e); // as it is, as before
        }
    }

    /** The failure of a connection that no address took: the one failure, or all of them. */
    private static Throwable combinedFailure(String host, List<Throwable> failures) {
        if (failures.isEmpty()) {
            return new ConnectionError("getaddrinfo returned no address for " + host,
                    new IOException("no address for " + host));
        }
        String first = String.valueOf(failures.get(0).getMessage());
        if (failures.size() == 1 || failures.stream().allMatch(f -> first.equals(String.valueOf(f.getMessage())))) {
            return failures.get(0);
        }
        String message = "Multiple exceptions: "
                + failures.stream().map(Throwable::getMessage).collect(Collectors.joining(", "));
        ConnectionError combined = new ConnectionError(message, new IOException(message));
        failures.forEach(combined::addSuppressed);
        return combined;
    }

    static Coroutine<Server> createServer(EventLoop loop, Supplier<? extends Protocol> protocolFactory,
            String host, int port, int backlog, TransportBuilder builder) {
        if (protocolFactory == null) {
            throw new NullPointerException("protocolFactory");
        }
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be positive, got " + backlog);
        }
        Server.ConnectionFactory connections = (channel, server) ->
                builder.start(loop, channel, protocolFactory.get(), server, null);
        return listenAndServe(loop, host, port, backlog, connections);
    }

    /** createServer, once awaited: resolve, listen on every address, serve. */
    @Async
    private static Coroutine<Server> listenAndServe(EventLoop loop, String host, int port, int backlog,
            Server.ConnectionFactory connections) {
        List<InetSocketAddress> addresses = await(resolve(loop, host, port, true));
        Server server = new Server(loop, listen(addresses, backlog), connections, backlog);
        server.startServing();
        return result(server);
    }

    /**
     * Upgrades {@code transport}, a plain connection, to TLS: asyncio's {@code loop.start_tls}.
     * The handshake runs over it; the returned transport encrypts what {@code protocol} (the
     * connection's protocol from now on) writes and decrypts what it receives. Its
     * {@code connectionMade} is not called again. With {@code serverSide}, the handshake is a
     * server's; otherwise a client's, verifying the server's certificate for
     * {@code serverHostname} (null: the name is not checked).
     *
     * @throws java.io.UncheckedIOException (when awaited) if the handshake fails, with the
     *     {@link javax.net.ssl.SSLException} as its cause; the connection is closed
     */
    public static Coroutine<Transport> startTls(EventLoop loop, Transport transport, Protocol protocol,
            SSLContext sslContext, boolean serverSide, String serverHostname) {
        if (transport == null || protocol == null || sslContext == null) {
            throw new NullPointerException("transport, protocol and sslContext are required");
        }
        return upgrade(loop, transport, protocol, sslContext, serverSide, serverHostname);
    }

    @Async
    private static Coroutine<Transport> upgrade(EventLoop loop, Transport transport, Protocol protocol,
            SSLContext sslContext, boolean serverSide, String serverHostname) {
        if (transport.isClosing()) {
            throw new IllegalStateException("Transport is closing");
        }
        TlsTransportBuilder builder;
        if (serverSide) {
            builder = TlsTransportBuilder.server(sslContext);
        } else {
            Object peer = transport.getExtraInfo("peername");
            String host = serverHostname != null ? serverHostname
                    : peer instanceof InetSocketAddress address ? address.getHostString() : "localhost";
            int port = peer instanceof InetSocketAddress address ? address.getPort() : -1;
            builder = TlsTransportBuilder.client(sslContext, host, port, serverHostname);
        }
        Future<Void> handshaken = loop.createFuture();
        SslProtocol tls = builder.protocolFor(loop, protocol, handshaken);
        // Reading pauses until the TLS protocol has started, so that no bytes reach it before.
        transport.pauseReading();
        transport.setProtocol(tls);
        TlsTransport upgraded = tls.upgrade(transport);
        io.jasyncio.Handle started = loop.callSoon(() -> tls.connectionMade(transport));
        io.jasyncio.Handle resumed = loop.callSoon(transport::resumeReading);
        try {
            await(handshaken);
        } catch (Throwable failure) {
            transport.close();
            started.cancel();
            resumed.cancel();
            throw Throwables.sneakyThrow(failure);
        }
        return result(upgraded);
    }

    /**
     * Writes {@code count} bytes of {@code file} from {@code offset} (0: to its end) through
     * {@code transport}, and returns how many it wrote: asyncio's {@code loop.sendfile}. The
     * file's position is left after what was sent, and the transport does not read meanwhile.
     *
     * <p>A plain TCP or Unix domain socket connection sends the file with the system's
     * zero-copy transfer ({@link FileChannel#transferTo}, {@code sendfile(2)} on Linux) once
     * its buffered bytes are written, refusing writes until it is done. Any other transport
     * (TLS, pipes) takes asyncio's fallback: the file is read in the loop's executor, a chunk
     * at a time, each written once the transport has room, so a large file never fills memory,
     * while its protocol is set aside.
     *
     * @throws IllegalStateException (when awaited) if the transport is closing
     * @throws ConnectionError (when awaited) if the connection is lost meanwhile
     */
    public static Coroutine<Long> sendfile(EventLoop loop, Transport transport, FileChannel file, long offset,
            long count) {
        if (transport == null) {
            throw new NullPointerException("transport");
        }
        if (file == null) {
            throw new NullPointerException("file");
        }
        if (offset < 0 || count < 0) {
            throw new IllegalArgumentException("offset and count must not be negative, got " + offset + " and " + count);
        }
        return transport instanceof SocketTransport socket
                ? socket.sendfile(file, offset, count)
                : sendChunks(loop, transport, file, offset, count);
    }

    /** The size of the chunks sendfile reads and writes. */
    private static final int SENDFILE_CHUNK = 256 * 1024;

    /** The fallback: chunks read in the executor and written through the transport. */
    @Async
    static Coroutine<Long> sendChunks(EventLoop loop, Transport transport, FileChannel file, long offset,
            long count) {
        if (transport.isClosing()) {
            throw new IllegalStateException("Transport is closing");
        }
        SendfileProtocol flow = new SendfileProtocol(loop, transport);
        long sent = 0;
        try {
            while (count == 0 || sent < count) {
                int size = (int) (count == 0 ? SENDFILE_CHUNK : Math.min(SENDFILE_CHUNK, count - sent));
                long position = offset + sent;
                byte[] chunk = await(loop.runInExecutor(null, () -> readChunk(file, position, size)));
                if (chunk.length == 0) {
                    break;
                }
                await(flow.drain());
                transport.write(chunk);
                sent += chunk.length;
            }
            return result(sent);
        } finally {
            flow.restore();
            if (sent > 0) {
                try {
                    file.position(offset + sent);
                } catch (IOException e) {
                    // a file that cannot seek keeps its position
                }
            }
        }
    }

    /** Up to {@code size} bytes of {@code file} at {@code position}; empty at its end. */
    private static byte[] readChunk(FileChannel file, long position, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            int read = file.read(buffer, position + buffer.position());
            if (read < 0) {
                break;
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /**
     * The addresses of {@code host}: a literal address without a lookup, a name through
     * {@link EventLoop#getaddrinfo} (in the executor, never blocking the loop), and for a
     * server, null or "" as the wildcard address.
     */
    static Coroutine<List<InetSocketAddress>> resolve(EventLoop loop, String host, int port, boolean passive) {
        if (passive && (host == null || host.isEmpty())) {
            Future<List<InetSocketAddress>> wildcard = loop.createFuture();
            wildcard.setResult(List.of(new InetSocketAddress(port)));
            return wildcard;
        }
        if (host == null) {
            throw new NullPointerException("host");
        }
        if (isLiteral(host)) {
            Future<List<InetSocketAddress>> literal = loop.createFuture();
            try {
                literal.setResult(List.of(new InetSocketAddress(InetAddress.getByName(host), port)));
            } catch (IOException e) {
                literal.setException(ConnectionError.translate(e));
            }
            return literal;
        }
        return loop.getaddrinfo(host, port);
    }

    /** Whether {@code host} is an IPv4 or IPv6 address literal rather than a name. */
    static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static List<ServerSocketChannel> listen(List<InetSocketAddress> addresses, int backlog) {
        List<ServerSocketChannel> sockets = new ArrayList<>();
        InetSocketAddress current = null;
        try {
            for (InetSocketAddress address : new LinkedHashSet<>(addresses)) {
                current = address;
                ServerSocketChannel socket = ServerSocketChannel.open();
                sockets.add(socket);
                socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                socket.bind(address, backlog);
                socket.configureBlocking(false);
            }
            return sockets;
        } catch (IOException e) {
            for (ServerSocketChannel socket : sockets) {
                closeQuietly(socket);
            }
            throw ConnectionError.translate(new IOException(
                    "error while attempting to bind on address " + current + ": " + e.getMessage(), e));
        }
    }

    static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
