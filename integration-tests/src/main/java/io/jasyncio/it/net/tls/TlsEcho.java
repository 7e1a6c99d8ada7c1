package io.jasyncio.it.net.tls;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Server;
import io.jasyncio.net.StreamReader;
import io.jasyncio.net.StreamWriter;
import io.jasyncio.net.Streams;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * A TLS echo server on streams, which counts what it receives, and its client: lines one round
 * trip at a time, then a large payload written at once while the echo is read concurrently.
 */
public final class TlsEcho {
    static final String HOST = "127.0.0.1";

    private long received;
    private final List<Object> clientCertificates = new ArrayList<>();

    /** What a client saw; the test asserts on it. */
    public record Conversation(List<byte[]> lineEchoes, byte[] payloadEcho, Map<String, Object> extraInfo,
            boolean canWriteEof, boolean atEofAfterClose) {}

    /** The names of the extra information a conversation records. */
    public static final List<String> EXTRA_INFO = List.of("peercert", "cipher", "ssl_object", "sslcontext", "peername");

    /** Bytes the server received over every connection. */
    public long received() {
        return received;
    }

    /** Each connection's "peercert" on the server side (null: the client sent no certificate). */
    public List<Object> clientCertificates() {
        return clientCertificates;
    }

    /** Echoes what arrives until the peer's close_notify, then closes. */
    @Async
    public Coroutine<Void> serve(StreamReader reader, StreamWriter writer) {
        clientCertificates.add(writer.getExtraInfo("peercert"));
        while (true) {
            byte[] chunk = await(reader.read(64 * 1024));
            if (chunk.length == 0) {
                break;
            }
            received += chunk.length;
            writer.write(chunk);
            await(writer.drain());
        }
        writer.close();
        await(writer.waitClosed());
        return result();
    }

    @Async
    public Coroutine<Server> start(SSLContext ssl) {
        return result(await(Streams.startServer(this::serve, HOST, 0, ssl)));
    }

    public static int port(Server server) {
        return server.sockets().get(0).socket().getLocalPort();
    }

    /**
     * Connects (verifying the server against {@code serverHostname} when not null), sends each
     * line and reads its echo, then writes {@code payload} in one call while a concurrent read
     * takes its echo, and closes. With {@code rehandshake}, the client's engine starts a new
     * handshake (TLS 1.2: a renegotiation; TLS 1.3: a key update) before the payload.
     */
    @Async
    public static Coroutine<Conversation> converse(int port, SSLContext ssl, String serverHostname, List<byte[]> lines,
            byte[] payload, boolean rehandshake) {
        Connection c = await(serverHostname == null
                ? Streams.openConnection(HOST, port, ssl)
                : Streams.openConnection(HOST, port, ssl, serverHostname));
        List<byte[]> echoes = new ArrayList<>();
        for (byte[] line : lines) {
            c.writer().write(line);
            await(c.writer().drain());
            echoes.add(await(c.reader().readline()));
        }
        if (rehandshake) {
            try {
                ((SSLEngine) c.writer().getExtraInfo("ssl_object")).beginHandshake();
            } catch (SSLException e) {
                throw new UncheckedIOException(e);
            }
        }
        Task<Void> sending = createTask(writeAndDrain(c.writer(), payload));
        byte[] payloadEcho = await(c.reader().readexactly(payload.length));
        await(sending);
        Map<String, Object> extraInfo = new HashMap<>();
        for (String name : EXTRA_INFO) {
            extraInfo.put(name, c.writer().getExtraInfo(name));
        }
        boolean canWriteEof = c.writer().canWriteEof();
        c.writer().close();
        await(c.writer().waitClosed());
        return result(new Conversation(echoes, payloadEcho, extraInfo, canWriteEof, c.reader().atEof()));
    }

    @Async
    static Coroutine<Void> writeAndDrain(StreamWriter writer, byte[] data) {
        writer.write(data);
        await(writer.drain());
        return result();
    }

    /** Connects and returns the failure of the connection (its handshake), or null if it connected. */
    @Async
    public static Coroutine<RuntimeException> failedConnection(int port, SSLContext ssl, String serverHostname) {
        try {
            Connection c = await(serverHostname == null
                    ? Streams.openConnection(HOST, port, ssl)
                    : Streams.openConnection(HOST, port, ssl, serverHostname));
            c.writer().close();
            await(c.writer().waitClosed());
            return result(null);
        } catch (RuntimeException e) {
            return result(e);
        }
    }
}
