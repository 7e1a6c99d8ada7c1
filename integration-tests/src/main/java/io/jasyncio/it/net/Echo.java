package io.jasyncio.it.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Server;
import io.jasyncio.net.StreamReader;
import io.jasyncio.net.StreamWriter;
import io.jasyncio.net.Streams;
import java.util.ArrayList;
import java.util.List;

/** A line echo server and its client, on streams. */
public final class Echo {
    private Echo() {}

    /** Echoes every line until the peer's end of stream, then closes. */
    @Async
    public static Coroutine<Void> serve(StreamReader reader, StreamWriter writer) {
        while (true) {
            byte[] line = await(reader.readline());
            if (line.length == 0) {
                break;
            }
            writer.write(line);
            await(writer.drain());
        }
        writer.close();
        await(writer.waitClosed());
        return result();
    }

    /** Starts the echo server on an ephemeral port of 127.0.0.1. */
    @Async
    public static Coroutine<Server> start() {
        return result(await(Streams.startServer(Echo::serve, "127.0.0.1", 0)));
    }

    /** Sends each line, reads its echo, half-closes and returns the echoes. */
    @Async
    public static Coroutine<List<byte[]>> roundTrips(int port, List<byte[]> lines) {
        Connection connection = await(Streams.openConnection("127.0.0.1", port));
        List<byte[]> echoes = new ArrayList<>();
        for (byte[] line : lines) {
            connection.writer().write(line);
            await(connection.writer().drain());
            echoes.add(await(connection.reader().readline()));
        }
        connection.writer().writeEof();
        byte[] rest = await(connection.reader().read());
        if (rest.length != 0 || !connection.reader().atEof()) {
            throw new IllegalStateException("expected the end of the stream, got " + rest.length + " bytes");
        }
        connection.writer().close();
        await(connection.writer().waitClosed());
        return result(echoes);
    }
}
