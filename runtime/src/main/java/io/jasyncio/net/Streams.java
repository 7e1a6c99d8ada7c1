package io.jasyncio.net;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.internal.LazyCoroutine;

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

    static Coroutine<Connection> openConnection(String host, int port, int limit, TransportBuilder builder) {
        StreamReader.checkLimit(limit);
        return LazyCoroutine.of("openConnection(" + host + ", " + port + ")", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            StreamReader reader = new StreamReader(limit);
            StreamReaderProtocol protocol = new StreamReaderProtocol(loop, reader, null);
            return Transports.createConnection(loop, () -> protocol, host, port, builder);
        }, endpoint -> new Connection(endpoint.protocol().reader(), new StreamWriter(
                endpoint.transport(), endpoint.protocol(), endpoint.protocol().reader())));
    }

    static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, int limit,
            TransportBuilder builder) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        StreamReader.checkLimit(limit);
        return LazyCoroutine.of("startServer(" + host + ", " + port + ")", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            return Transports.createServer(loop, () -> new StreamReaderProtocol(loop, new StreamReader(limit), handler),
                    host, port, Transports.DEFAULT_BACKLOG, builder);
        });
    }
}
