package io.jasyncio.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.AsyncCloseable;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.internal.Throwables;
import javax.net.ssl.SSLContext;

/**
 * The writing side of a stream connection: asyncio's {@code StreamWriter}. {@link #write}
 * never blocks; {@link #drain()} is where a writer waits for a slow peer.
 *
 * <pre>{@code
 * writer.write(response);
 * await(writer.drain());        // waits only while the transport's buffer is over its high-water mark
 * writer.close();
 * await(writer.waitClosed());
 * }</pre>
 */
public final class StreamWriter implements AsyncCloseable {
    private Transport transport;
    private final StreamReaderProtocol protocol;
    private final StreamReader reader;

    /** {@code reader} is null for a pipe that is only written to (a subprocess's stdin). */
    StreamWriter(Transport transport, StreamReaderProtocol protocol, StreamReader reader) {
        this.transport = transport;
        this.protocol = protocol;
        this.reader = reader;
    }

    /** The underlying transport. */
    public Transport transport() {
        return transport;
    }

    /** Buffers {@code data} on the transport (sending what it can at once). */
    public void write(byte[] data) {
        transport.write(data);
    }

    /** Writes each array in turn. */
    public void writelines(Iterable<byte[]> lines) {
        transport.writelines(lines);
    }

    /** Half-closes: the peer reads end of stream once the buffered data is sent. */
    public void writeEof() {
        transport.writeEof();
    }

    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /**
     * Closes the connection once the buffered data is sent; {@link #isClosing()} is true at
     * once. It does not wait: {@link #aclose()} does.
     */
    @Override
    public void close() {
        transport.close();
    }

    /**
     * {@link #close()}, then {@link #waitClosed()}: what try-with-resources awaits at the end of
     * a block in an {@code @Async} method.
     */
    @Async
    @Override
    public Coroutine<Void> aclose() {
        close();
        await(waitClosed());
        return result();
    }

    public boolean isClosing() {
        return transport.isClosing();
    }

    /** A coroutine that completes once the connection is closed (with its error, if it failed). */
    public Coroutine<Void> waitClosed() {
        return protocol.closed();
    }

    /** The transport's information: "peername", "sockname", "socket", and TLS details. */
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    public Object getExtraInfo(String name, Object defaultValue) {
        return transport.getExtraInfo(name, defaultValue);
    }

    /**
     * A coroutine that waits until the transport's write buffer is at its low-water mark again
     * (at once, allocating nothing, when it is not over the high-water mark).
     *
     * @throws ConnectionResetError (when awaited) once the connection is lost
     * @throws RuntimeException (when awaited) the reader's exception, if it has one
     */
    public Coroutine<Void> drain() {
        if ((reader == null || reader.exception() == null) && !transport.isClosing()) {
            return protocol.drainHelper();
        }
        return drainClosing();
    }

    /**
     * Upgrades the connection to TLS (asyncio's {@code StreamWriter.start_tls}): waits for
     * what is buffered to drain, then runs the handshake over the connection, a client's
     * verifying {@code serverHostname} (null: not checked), or a server's on a connection a
     * server accepted. From then on the writer writes, and the reader reads, through TLS.
     *
     * @throws java.io.UncheckedIOException (when awaited) if the handshake fails
     */
    @Async
    public Coroutine<Void> startTls(SSLContext sslContext, String serverHostname) {
        await(drain());
        boolean serverSide = protocol.isServerSide();
        Transport upgraded = await(Transports.startTls(protocol.loop(), transport, protocol, sslContext,
                serverSide, serverHostname));
        transport = upgraded;
        protocol.replaceTransport(upgraded);
        return result();
    }

    @Override
    public String toString() {
        return "<StreamWriter transport=" + transport + " reader=" + reader + ">";
    }

    /** drain() when the reader failed or the transport is closing: asyncio's slow path. */
    @Async
    private Coroutine<Void> drainClosing() {
        if (reader != null && reader.exception() != null) {
            throw Throwables.sneakyThrow(reader.exception());
        }
        // let connectionLost run first, so that drain sees the connection is gone
        await(Asyncio.sleep(0));
        await(protocol.drainHelper());
        return result();
    }
}
