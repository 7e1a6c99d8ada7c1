package io.jasyncio.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * Stream connections and servers: asyncio's {@code open_connection} and
 * {@code start_server}. Call them (and await what they return) on a running loop.
 *
 * <pre>{@code
 * @Async Coroutine<String> hello(int port) {
 *     Connection c = await(Streams.openConnection("127.0.0.1", port));
 *     c.writer().write("hello\n".getBytes(UTF_8));
 *     byte[] reply = await(c.reader().readline());
 *     c.writer().close();
 *     await(c.writer().waitClosed());
 *     return result(new String(reply, UTF_8));
 * }
 * }</pre>
 */
public final class Streams {
    private Streams() {}

    /** Connects to {@code host:port}; the reader has the default limit of 64 KiB. */
    public static Coroutine<Connection> openConnection(String host, int port) {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT);
    }

    /** Connects to {@code host:port}, with a reader of the given {@code limit}. */
    public static Coroutine<Connection> openConnection(String host, int port, int limit) {
        return openConnection(host, port, limit, TransportBuilder.PLAIN);
    }

    /**
     * Connects to {@code host:port} racing the host's addresses, as
     * {@link Transports#createConnection(EventLoop, java.util.function.Supplier, String, int, double, int)}
     * does (asyncio's {@code open_connection} with {@code happy_eyeballs_delay} and
     * {@code interleave}); the reader has the default limit.
     *
     * @throws IllegalArgumentException if the delay is negative or not a number, or
     *     {@code interleave} is negative
     */
    public static Coroutine<Connection> openConnection(String host, int port, double happyEyeballsDelay,
            int interleave) {
        Transports.checkHappyEyeballs(happyEyeballsDelay, interleave);
        return connect(host, port, StreamReader.DEFAULT_LIMIT, TransportBuilder.PLAIN, happyEyeballsDelay, interleave);
    }

    /**
     * Connects to {@code host:port} over TLS; the coroutine returns once the handshake is done.
     * The server's certificate must be trusted by {@code ssl}, and must name {@code host} when
     * {@code host} is a name rather than an address literal (the name is also sent as SNI).
     *
     * <pre>{@code
     * Connection c = await(Streams.openConnection("example.com", 443, SSLContext.getDefault()));
     * Certificate[] chain = (Certificate[]) c.writer().getExtraInfo("peercert");
     * }</pre>
     *
     * <p>The writer's {@code getExtraInfo} adds "sslcontext", "ssl_object" (the
     * {@code SSLEngine}), "peercert" and "cipher"; {@code writeEof()} is not supported (TLS
     * cannot half-close), and the peer's close_notify is the reader's end of stream.
     *
     * @throws java.io.UncheckedIOException (when awaited) if the handshake fails, with the
     *     {@link javax.net.ssl.SSLException} as its cause (asyncio's {@code ssl.SSLError})
     */
    public static Coroutine<Connection> openConnection(String host, int port, SSLContext ssl) {
        return openConnection(host, port, ssl, null);
    }

    /**
     * {@link #openConnection(String, int, SSLContext)} that checks the server's certificate
     * against {@code serverHostname} (a name, or an address for a certificate with IP
     * addresses) instead of {@code host}, for example to connect to an address:
     *
     * <pre>{@code
     * Connection c = await(Streams.openConnection("127.0.0.1", port, ssl, "localhost"));
     * }</pre>
     *
     * @param serverHostname the name to verify and send as SNI; null: as
     *     {@link #openConnection(String, int, SSLContext)}
     */
    public static Coroutine<Connection> openConnection(String host, int port, SSLContext ssl, String serverHostname) {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT,
                TlsTransportBuilder.client(ssl, host, port, serverHostname));
    }

    /**
     * Starts a server on {@code host:port} (port 0: an ephemeral one) that runs {@code handler}
     * as a new task for each connection. The server is serving when the coroutine returns.
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port) {
        return startServer(handler, host, port, StreamReader.DEFAULT_LIMIT);
    }

    /** {@link #startServer(ConnectionHandler, String, int)} with readers of the given {@code limit}. */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, int limit) {
        return startServer(handler, host, port, limit, TransportBuilder.PLAIN);
    }

    /**
     * {@link #startServer(ConnectionHandler, String, int)} over TLS: {@code handler} runs once a
     * connection's handshake is done; a connection whose handshake fails is closed without it.
     *
     * <pre>{@code
     * KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
     * keys.init(keyStore, password);
     * SSLContext ssl = SSLContext.getInstance("TLS");
     * ssl.init(keys.getKeyManagers(), null, null);
     * Server server = await(Streams.startServer(this::echo, "127.0.0.1", 8443, ssl));
     * }</pre>
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, SSLContext ssl) {
        return startServer(handler, host, port, StreamReader.DEFAULT_LIMIT, TlsTransportBuilder.server(ssl));
    }

    /**
     * Connects to the Unix domain socket at {@code path} and returns the stream reader and writer
     * of the connection: asyncio's {@code open_unix_connection}.
     *
     * @throws ConnectionRefusedError (when awaited) if nothing listens there
     */
    public static Coroutine<Connection> openUnixConnection(Path path) {
        if (path == null) {
            throw new NullPointerException("path");
        }
        return connectUnix(path, StreamReader.DEFAULT_LIMIT);
    }

    @Async
    private static Coroutine<Connection> connectUnix(Path path, int limit) {
        EventLoop loop = Asyncio.getRunningLoop();
        StreamReader reader = new StreamReader(limit);
        StreamReaderProtocol protocol = new StreamReaderProtocol(loop, reader, null);
        Endpoint<Transport, StreamReaderProtocol> endpoint =
                await(Transports.createUnixConnection(loop, () -> protocol, path));
        return result(new Connection(endpoint.protocol().reader(),
                new StreamWriter(endpoint.transport(), endpoint.protocol(), endpoint.protocol().reader())));
    }

    /**
     * Starts a server on a Unix domain socket at {@code path} that runs {@code handler} as a new
     * task for each connection: asyncio's {@code start_unix_server}. A socket file left at
     * {@code path} by an earlier server is replaced.
     */
    public static Coroutine<Server> startUnixServer(ConnectionHandler handler, Path path) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        return serveUnix(handler, path);
    }

    @Async
    private static Coroutine<Server> serveUnix(ConnectionHandler handler, Path path) {
        EventLoop loop = Asyncio.getRunningLoop();
        return result(await(Transports.createUnixServer(loop,
                () -> new StreamReaderProtocol(loop, new StreamReader(StreamReader.DEFAULT_LIMIT), handler),
                path, Transports.DEFAULT_BACKLOG)));
    }

    static Coroutine<Connection> openConnection(String host, int port, int limit, TransportBuilder builder) {
        StreamReader.checkLimit(limit);
        return connect(host, port, limit, builder, Double.NaN, 0);
    }

    /**
     * openConnection, once awaited: a transport with a stream protocol, as a reader and writer
     * pair; the addresses raced when {@code happyEyeballsDelay} is a number, tried in turn when NaN.
     */
    @Async
    private static Coroutine<Connection> connect(String host, int port, int limit, TransportBuilder builder,
            double happyEyeballsDelay, int interleave) {
        EventLoop loop = Asyncio.getRunningLoop();
        StreamReader reader = new StreamReader(limit);
        StreamReaderProtocol protocol = new StreamReaderProtocol(loop, reader, null);
        Endpoint<Transport, StreamReaderProtocol> endpoint = await(Transports.createConnection(loop, () -> protocol,
                host, port, builder, happyEyeballsDelay, interleave));
        return result(new Connection(endpoint.protocol().reader(),
                new StreamWriter(endpoint.transport(), endpoint.protocol(), endpoint.protocol().reader())));
    }

    /**
     * {@link #startServer(ConnectionHandler, String, int)} with readers of the given
     * {@code limit}, and a listen {@code backlog} (asyncio's default is 100): how many
     * connections the system queues until the server accepts them. A burst of clients larger
     * than it waits out dropped connection attempts.
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, int limit,
            int backlog) {
        return startServer(handler, host, port, limit, backlog, TransportBuilder.PLAIN);
    }

    static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, int limit,
            TransportBuilder builder) {
        return startServer(handler, host, port, limit, Transports.DEFAULT_BACKLOG, builder);
    }

    static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, int limit, int backlog,
            TransportBuilder builder) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        StreamReader.checkLimit(limit);
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be positive, got " + backlog);
        }
        return serve(handler, host, port, limit, backlog, builder);
    }

    /** startServer, once awaited: a server whose connections get stream protocols calling {@code handler}. */
    @Async
    private static Coroutine<Server> serve(ConnectionHandler handler, String host, int port, int limit, int backlog,
            TransportBuilder builder) {
        EventLoop loop = Asyncio.getRunningLoop();
        return result(await(Transports.createServer(loop,
                () -> new StreamReaderProtocol(loop, new StreamReader(limit), handler),
                host, port, backlog, builder)));
    }
}
