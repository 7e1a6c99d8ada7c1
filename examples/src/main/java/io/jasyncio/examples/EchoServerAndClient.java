package io.jasyncio.examples;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Server;
import io.jasyncio.net.StreamReader;
import io.jasyncio.net.StreamWriter;
import io.jasyncio.net.Streams;
import java.net.SocketAddress;

/**
 * An echo server and its client on one loop, with streams: the server echoes each line until
 * the client half-closes; the client sends three lines and prints what comes back.
 *
 * <pre>
 * serving on /127.0.0.1:PORT
 * server: connection from /127.0.0.1:PORT
 * client: sent "Hello", received "Hello"
 * ... (three lines)
 * server: /127.0.0.1:PORT closed the connection
 * server closed
 * </pre>
 */
public final class EchoServerAndClient {
    private EchoServerAndClient() {}

    @Async
    static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {
        SocketAddress peer = (SocketAddress) writer.getExtraInfo("peername");
        System.out.println("server: connection from " + peer);
        byte[] line;
        while ((line = await(reader.readline())).length > 0) {
            writer.write(line);
            await(writer.drain());
        }
        System.out.println("server: " + peer + " closed the connection");
        writer.close();
        await(writer.waitClosed());
        return result();
    }

    @Async
    static Coroutine<Void> client(int port, String... messages) {
        Connection connection = await(Streams.openConnection("127.0.0.1", port));
        for (String message : messages) {
            connection.writer().write((message + "\n").getBytes(UTF_8));
            await(connection.writer().drain());
            String reply = new String(await(connection.reader().readline()), UTF_8).strip();
            System.out.println("client: sent \"" + message + "\", received \"" + reply + "\"");
        }
        connection.writer().writeEof();
        await(connection.reader().read());
        connection.writer().close();
        await(connection.writer().waitClosed());
        return result();
    }

    @Async
    static Coroutine<Void> main() {
        Server server = await(Streams.startServer(EchoServerAndClient::echo, "127.0.0.1", 0));
        int port = server.sockets().get(0).socket().getLocalPort();
        System.out.println("serving on " + server.sockets().get(0).socket().getLocalSocketAddress());
        await(client(port, "Hello", "asyncio", "in Java"));
        server.close();
        await(server.waitClosed());
        System.out.println("server closed");
        return result();
    }

    public static void main(String[] args) {
        Asyncio.run(main());
    }
}
