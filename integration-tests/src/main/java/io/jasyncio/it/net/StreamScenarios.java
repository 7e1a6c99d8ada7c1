package io.jasyncio.it.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.currentTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static java.nio.charset.StandardCharsets.US_ASCII;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.Event;
import io.jasyncio.Queue;
import io.jasyncio.Task;
import io.jasyncio.net.Connection;
import io.jasyncio.net.ConnectionError;
import io.jasyncio.net.ConnectionResetError;
import io.jasyncio.net.IncompleteReadError;
import io.jasyncio.net.LimitOverrunError;
import io.jasyncio.net.Server;
import io.jasyncio.net.StreamReader;
import io.jasyncio.net.StreamWriter;
import io.jasyncio.net.Streams;
import io.jasyncio.net.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stream clients and servers on 127.0.0.1 (CPython test_streams' network cases and the echo benchmark's
 * acceptance list). Each scenario returns or logs what the JUnit test asserts.
 */
public final class StreamScenarios {
    private StreamScenarios() {}

    static final String HOST = "127.0.0.1";

    static int port(Server server) {
        return server.sockets().get(0).socket().getLocalPort();
    }

    static byte[] ascii(String s) {
        return s.getBytes(US_ASCII);
    }

    static String ascii(byte[] b) {
        return new String(b, US_ASCII);
    }

    @Async
    static Coroutine<Void> closeAndWait(StreamWriter writer) {
        writer.close();
        await(writer.waitClosed());
        return result();
    }

    // ---- many connections ------------------------------------------------------------------

    /** The line a client sends in one round trip: its id, the round, and filler that varies with both. */
    static byte[] line(int client, int round) {
        StringBuilder s = new StringBuilder().append(client).append(':').append(round).append(':');
        int filler = (client * 31 + round * 7) % 200;
        for (int i = 0; i < filler; i++) {
            s.append((char) ('a' + (client + round + i) % 26));
        }
        return ascii(s.append('\n').toString());
    }

    /** One client: {@code rounds} line round trips, each echo compared with its line byte for byte. */
    @Async
    static Coroutine<Integer> verifiedRoundTrips(int port, int client, int rounds) {
        Connection c = await(Streams.openConnection(HOST, port));
        int verified = 0;
        for (int round = 0; round < rounds; round++) {
            byte[] sent = line(client, round);
            c.writer().write(sent);
            await(c.writer().drain());
            byte[] echo = await(c.reader().readline());
            if (!Arrays.equals(sent, echo)) {
                throw new AssertionError("client " + client + " round " + round + ": sent " + ascii(sent)
                        + " got " + ascii(echo));
            }
            verified += echo.length;
        }
        c.writer().writeEof();
        byte[] rest = await(c.reader().read());
        if (rest.length != 0 || !c.reader().atEof()) {
            throw new AssertionError("client " + client + ": expected the end of the stream");
        }
        await(closeAndWait(c.writer()));
        return result(verified);
    }

    /** {@code clients} concurrent connections to {@code port}; the total of bytes verified. */
    @Async
    public static Coroutine<Long> concurrentRoundTrips(int port, int clients, int rounds) {
        return concurrentRoundTrips(port, 0, clients, rounds);
    }

    /** Clients {@code first} to {@code first + clients - 1}, concurrently. */
    @Async
    static Coroutine<Long> concurrentRoundTrips(int port, int first, int clients, int rounds) {
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int client = first; client < first + clients; client++) {
            tasks.add(createTask(verifiedRoundTrips(port, client, rounds)));
        }
        long total = 0;
        for (int verified : await(gather(tasks))) {
            total += verified;
        }
        return result(total);
    }

    /** The bytes {@link #concurrentRoundTrips} should verify, counted independently of the echo. */
    public static long expectedBytes(int clients, int rounds) {
        long total = 0;
        for (int client = 0; client < clients; client++) {
            for (int round = 0; round < rounds; round++) {
                total += line(client, round).length;
            }
        }
        return total;
    }

    /** {@code total} connections, {@code batch} at a time, each one round trip then a close. */
    @Async
    public static Coroutine<Long> connectionsInBatches(int port, int total, int batch) {
        long verified = 0;
        for (int first = 0; first < total; first += batch) {
            verified += await(concurrentRoundTrips(port, first, Math.min(batch, total - first), 1));
        }
        return result(verified);
    }

    // ---- a peer reset ----------------------------------------------------------------------

    /**
     * Echoes lines; logs how the connection ended ("eof" or the class of the error the await
     * raised), then sets {@code ended}.
     */
    @Async
    static Coroutine<Void> echoLogging(StreamReader reader, StreamWriter writer, List<String> log, Event ended) {
        try {
            while (true) {
                byte[] line = await(reader.readline());
                if (line.length == 0) {
                    log.add("eof");
                    break;
                }
                writer.write(line);
                await(writer.drain());
            }
        } catch (ConnectionResetError e) {
            log.add(e.getClass().getSimpleName());
        }
        writer.close();
        ended.set();
        return result();
    }

    /**
     * A client that gets one echo back (so the server is waiting in its next readline), sends
     * half a line, then resets the connection (SO_LINGER 0 and close); then a second client's
     * round trip on the same server.
     */
    @Async
    public static Coroutine<List<String>> peerResetsMidRead() {
        List<String> log = new ArrayList<>();
        Event ended = new Event();
        Server server = await(Streams.startServer((r, w) -> echoLogging(r, w, log, ended), HOST, 0));
        Connection resetter = await(Streams.openConnection(HOST, port(server)));
        resetter.writer().write(ascii("hello\n"));
        log.add("echo " + ascii(await(resetter.reader().readline())).trim());
        resetter.writer().write(ascii("half a li"));
        await(resetter.writer().drain());
        setLingerZero(resetter.writer());
        resetter.writer().transport().abort();
        await(resetter.writer().waitClosed());
        await(ended.waitSet());
        Connection other = await(Streams.openConnection(HOST, port(server)));
        other.writer().write(ascii("still serving\n"));
        log.add("other " + ascii(await(other.reader().readline())).trim());
        other.writer().writeEof();
        await(other.reader().read());
        await(closeAndWait(other.writer()));
        server.close();
        await(server.waitClosed());
        log.add("closed");
        return result(log);
    }

    static void setLingerZero(StreamWriter writer) {
        try {
            ((SocketChannel) writer.getExtraInfo("socket")).setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- a peer that goes away, a handler that fails or is cancelled -----------------------

    @Async
    static Coroutine<Void> hangUp(StreamReader reader, StreamWriter writer) {
        await(closeAndWait(writer));
        return result();
    }

    /**
     * test_drain_raises: the server hangs up at once; the client reads the end of the stream,
     * then writes and drains until the loss of the connection comes out of drain().
     */
    @Async
    public static Coroutine<List<String>> drainRaisesOnceThePeerIsGone(int maxWrites) {
        List<String> log = new ArrayList<>();
        Server server = await(Streams.startServer(StreamScenarios::hangUp, HOST, 0));
        Connection c = await(Streams.openConnection(HOST, port(server)));
        log.add("read " + await(c.reader().read()).length);
        try {
            for (int i = 0; i < maxWrites; i++) {
                c.writer().write(new byte[1024]);
                await(c.writer().drain());
            }
            log.add("drain never failed");
        } catch (ConnectionError e) {
            log.add("drain raised a ConnectionError");
        }
        c.writer().close();
        server.close();
        await(server.waitClosed());
        return result(log);
    }

    @Async
    static Coroutine<Void> failing(StreamReader reader, StreamWriter writer) {
        await(reader.readline());
        throw new IllegalStateException("handler failed");
    }

    /** A handler that throws: its connection is closed, the server goes on. */
    @Async
    public static Coroutine<List<String>> failingHandler() {
        List<String> log = new ArrayList<>();
        Server server = await(Streams.startServer(StreamScenarios::failing, HOST, 0));
        Connection c = await(Streams.openConnection(HOST, port(server)));
        c.writer().write(ascii("trigger\n"));
        log.add("read " + await(c.reader().read()).length + " atEof " + c.reader().atEof());
        await(closeAndWait(c.writer()));
        server.close();
        await(server.waitClosed());
        log.add("closed");
        return result(log);
    }

    @Async
    static Coroutine<Void> waitsForever(StreamReader reader, StreamWriter writer, Queue<Task<?>> handlers) {
        handlers.putNowait(currentTask());
        await(reader.readline());
        return result();
    }

    /**
     * A handler task cancelled (as at shutdown) while its client is connected: the connection
     * is closed (asyncio 3.12), so that the server's waitClosed() can complete.
     */
    @Async
    public static Coroutine<List<String>> cancelledHandler() {
        List<String> log = new ArrayList<>();
        Queue<Task<?>> handlers = new Queue<>();
        Server server = await(Streams.startServer((r, w) -> waitsForever(r, w, handlers), HOST, 0));
        Connection c = await(Streams.openConnection(HOST, port(server)));
        Task<?> handler = await(handlers.get());
        handler.cancel();
        log.add("client read " + await(c.reader().read()).length + " atEof " + c.reader().atEof());
        server.close();
        await(server.waitClosed());
        log.add("server closed, handler cancelled " + handler.cancelled());
        await(closeAndWait(c.writer()));
        return result(log);
    }

    /** getExtraInfo("peername") and ("sockname") on both ends of a stream connection. */
    @Async
    public static Coroutine<List<String>> addresses() {
        Queue<StreamWriter> accepted = new Queue<>();
        Server server = await(Streams.startServer((r, w) -> putWriter(w, accepted), HOST, 0));
        Connection c = await(Streams.openConnection(HOST, port(server)));
        StreamWriter serverSide = await(accepted.get());
        List<String> log = new ArrayList<>();
        log.add("client peer is the server " + server.sockets().get(0).socket().getLocalSocketAddress()
                .equals(c.writer().getExtraInfo("peername")));
        log.add("server peer is the client " + c.writer().getExtraInfo("sockname")
                .equals(serverSide.getExtraInfo("peername")));
        log.add("server sockname is the server " + serverSide.getExtraInfo("sockname")
                .equals(c.writer().getExtraInfo("peername")));
        log.add("unknown " + c.writer().getExtraInfo("no such thing", "default"));
        await(closeAndWait(serverSide));
        await(closeAndWait(c.writer()));
        server.close();
        await(server.waitClosed());
        return result(log);
    }

    @Async
    static Coroutine<Void> putWriter(StreamWriter writer, Queue<StreamWriter> accepted) {
        accepted.putNowait(writer);
        return result();
    }

    // ---- half-close ------------------------------------------------------------------------

    /** Reads to the end of the stream, replies with what it read upper-cased, then closes. */
    @Async
    static Coroutine<Void> shout(StreamReader reader, StreamWriter writer) {
        byte[] all = await(reader.read());
        writer.write(ascii(ascii(all).toUpperCase() + "!"));
        await(writer.drain());
        await(closeAndWait(writer));
        return result();
    }

    /** The client writes two lines then writeEof; it logs the reply and whether it is at EOF. */
    @Async
    public static Coroutine<List<String>> halfClose() {
        List<String> log = new ArrayList<>();
        Server server = await(Streams.startServer(StreamScenarios::shout, HOST, 0));
        Connection c = await(Streams.openConnection(HOST, port(server)));
        c.writer().write(ascii("one\n"));
        c.writer().write(ascii("two\n"));
        log.add("canWriteEof " + c.writer().canWriteEof());
        c.writer().writeEof();
        try {
            c.writer().write(ascii("late"));
        } catch (IllegalStateException e) {
            log.add("write after writeEof: " + e.getMessage());
        }
        log.add("reply " + ascii(await(c.reader().read())));
        log.add("atEof " + c.reader().atEof());
        log.add("readline " + await(c.reader().readline()).length);
        await(closeAndWait(c.writer()));
        server.close();
        await(server.waitClosed());
        return result(log);
    }

    // ---- limits and incomplete reads -------------------------------------------------------

    /**
     * With a limit of 8: readuntil over the limit keeps the data (read again with readexactly),
     * readline over the limit discards the line, a short line then comes through.
     */
    @Async
    static Coroutine<Void> limited(StreamReader reader, StreamWriter writer, List<String> log) {
        try {
            await(reader.readuntil(ascii("\n")));
        } catch (LimitOverrunError e) {
            log.add("readuntil " + e.getMessage() + " consumed " + e.consumed());
        }
        log.add("kept " + ascii(await(reader.readexactly(13))).trim());
        try {
            await(reader.readline());
        } catch (IllegalArgumentException e) {
            log.add("readline " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        log.add("next " + ascii(await(reader.readline())).trim());
        await(closeAndWait(writer));
        return result();
    }

    @Async
    public static Coroutine<List<String>> linesOverTheLimit() {
        List<String> log = new ArrayList<>();
        Server server = await(Streams.startServer((r, w) -> limited(r, w, log), HOST, 0, 8));
        Connection c = await(Streams.openConnection(HOST, port(server)));
        c.writer().write(ascii("0123456789ab\n"));
        c.writer().write(ascii("a line far over the limit\nshort\n"));
        await(c.reader().read());
        await(closeAndWait(c.writer()));
        server.close();
        await(server.waitClosed());
        return result(log);
    }

    /** The server wants 10 bytes; the client sends 4 and half-closes. */
    @Async
    static Coroutine<Void> wantsTen(StreamReader reader, StreamWriter writer, List<String> log) {
        try {
            await(reader.readexactly(10));
        } catch (IncompleteReadError e) {
            log.add(ascii(e.partial()) + " of " + e.expected() + ": " + e.getMessage());
        }
        log.add("atEof " + reader.atEof());
        await(closeAndWait(writer));
        return result();
    }

    @Async
    public static Coroutine<List<String>> eofInsideReadexactly() {
        List<String> log = new ArrayList<>();
        Server server = await(Streams.startServer((r, w) -> wantsTen(r, w, log), HOST, 0));
        Connection c = await(Streams.openConnection(HOST, port(server)));
        c.writer().write(ascii("four"));
        c.writer().writeEof();
        await(c.reader().read());
        await(closeAndWait(c.writer()));
        server.close();
        await(server.waitClosed());
        return result(log);
    }

    // ---- a slow reader ---------------------------------------------------------------------

    /** What {@link #slowReader} measured. */
    public record SlowReaderReport(
            int maxWriteBuffer, int highWater, int bufferedWhenBlocked, int readerLimit,
            boolean readerPausedWhenBlocked, boolean drainPendingWhenBlocked, long writtenWhenBlocked,
            long verified, long total) {}

    /** The byte at {@code offset} of the slow reader's stream. */
    static byte patternByte(long offset) {
        return (byte) (offset * 7 + offset / 251);
    }

    static final class WriterState {
        final Event started = new Event();
        StreamWriter writer;
        long written;
        int maxWriteBuffer;
        boolean inDrain;
    }

    /** Writes {@code total} bytes in chunks, draining after each, and records its buffer. */
    @Async
    static Coroutine<Void> firehose(StreamWriter writer, WriterState state, int chunk, long total) {
        setBuffer(writer, StandardSocketOptions.SO_SNDBUF);
        state.writer = writer;
        state.started.set();
        Transport transport = writer.transport();
        while (state.written < total) {
            int n = (int) Math.min(chunk, total - state.written);
            byte[] data = new byte[n];
            for (int i = 0; i < n; i++) {
                data[i] = patternByte(state.written + i);
            }
            writer.write(data);
            state.written += n;
            state.maxWriteBuffer = Math.max(state.maxWriteBuffer, transport.getWriteBufferSize());
            state.inDrain = true;
            await(writer.drain());
            state.inDrain = false;
        }
        await(closeAndWait(writer));
        return result();
    }

    /**
     * The server sends {@code total} bytes as fast as drain() lets it; the client does not read
     * until the server is blocked in drain() with its client's transport paused, then reads and
     * verifies everything. Both kernel buffers are made small so that they hold little.
     */
    @Async
    public static Coroutine<SlowReaderReport> slowReader(int limit, long total, double maxSeconds) {
        WriterState state = new WriterState();
        int chunk = 16 * 1024;
        Server server = await(Streams.startServer((r, w) -> firehose(w, state, chunk, total), HOST, 0));
        Connection c = await(Streams.openConnection(HOST, port(server), limit));
        setBuffer(c.writer(), StandardSocketOptions.SO_RCVBUF);
        await(state.started.waitSet());
        Transport clientTransport = c.writer().transport();
        // Each pass gives the loop one iteration of I/O, until the state the test is about is
        // reached (the writer waits in drain() while the reader is paused); the time limit is a
        // safety net only, generous because the kernel may deliver late on a loaded machine.
        double giveUpAt = Asyncio.getRunningLoop().time() + maxSeconds;
        while (clientTransport.isReading() || !state.inDrain
                || state.writer.transport().getWriteBufferSize() <= highWater(state.writer)) {
            if (Asyncio.getRunningLoop().time() > giveUpAt) {
                throw new AssertionError("the writer never blocked: " + state.written + " bytes written");
            }
            await(sleep(0));
        }
        boolean paused = !clientTransport.isReading();
        boolean pending = state.inDrain;
        long writtenWhenBlocked = state.written;
        byte[] buffered = await(c.reader().read(Integer.MAX_VALUE));
        long verified = verify(buffered, 0);
        long offset = buffered.length;
        while (true) {
            byte[] data = await(c.reader().read(64 * 1024));
            if (data.length == 0) {
                break;
            }
            verified += verify(data, offset);
            offset += data.length;
        }
        await(closeAndWait(c.writer()));
        server.close();
        await(server.waitClosed());
        return result(new SlowReaderReport(state.maxWriteBuffer, highWater(state.writer), buffered.length, limit,
                paused, pending, writtenWhenBlocked, verified, offset));
    }

    static int highWater(StreamWriter writer) {
        return writer.transport().getWriteBufferLimits()[1];
    }

    /** The number of bytes of {@code data} that match the pattern at {@code offset}; throws at the first that does not. */
    static long verify(byte[] data, long offset) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] != patternByte(offset + i)) {
                throw new AssertionError("byte " + (offset + i) + " is wrong");
            }
        }
        return data.length;
    }

    static void setBuffer(StreamWriter writer, java.net.SocketOption<Integer> option) {
        try {
            ((SocketChannel) writer.getExtraInfo("socket")).setOption(option, 32 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
