package io.jasyncio.it.net.tls;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Server;
import io.jasyncio.net.StreamReader;
import io.jasyncio.net.StreamWriter;
import io.jasyncio.net.Streams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A STARTTLS exchange on streams, as SMTP does it: the server greets in the clear, the client
 * asks to start TLS, both upgrade the same connection, and the rest goes encrypted.
 */
public final class StartTls {
    private StartTls() {}

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }

    @Async
    static Coroutine<Void> serve(SSLContext ssl, StreamReader reader, StreamWriter writer) {
        writer.write(bytes("220 ready\n"));
        String command = text(await(reader.readline()));
        writer.write(bytes("STARTTLS".equals(command) ? "220 go ahead\n" : "500 what?\n"));
        await(writer.startTls(ssl, null));
        String line = text(await(reader.readline()));
        boolean encrypted = writer.transport().getExtraInfo("sslcontext") != null;
        writer.write(bytes("got " + line + (encrypted ? " over TLS" : " in the clear") + "\n"));
        await(writer.drain());
        writer.close();
        return result();
    }

    @Async
    public static Coroutine<Server> startServer(SSLContext ssl) {
        return result(await(Streams.startServer((reader, writer) -> serve(ssl, reader, writer), TlsEcho.HOST, 0)));
    }

    /** The client's side: what it heard, in order, and whether its transport encrypts at the end. */
    @Async
    public static Coroutine<List<String>> converse(int port, SSLContext ssl) {
        List<String> heard = new ArrayList<>();
        Connection connection = await(Streams.openConnection(TlsEcho.HOST, port));
        heard.add(text(await(connection.reader().readline())));
        connection.writer().write(bytes("STARTTLS\n"));
        heard.add(text(await(connection.reader().readline())));
        await(connection.writer().startTls(ssl, "localhost"));
        connection.writer().write(bytes("hello\n"));
        heard.add(text(await(connection.reader().readline())));
        heard.add("client encrypts: " + (connection.writer().transport().getExtraInfo("sslcontext") != null));
        connection.writer().close();
        return result(heard);
    }
}
