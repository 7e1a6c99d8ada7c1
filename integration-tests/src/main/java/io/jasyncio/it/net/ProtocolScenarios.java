package io.jasyncio.it.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.it.net.StreamScenarios.HOST;
import static io.jasyncio.it.net.StreamScenarios.ascii;
import static io.jasyncio.it.net.StreamScenarios.patternByte;
import static io.jasyncio.it.net.StreamScenarios.port;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.Queue;
import io.jasyncio.net.Endpoint;
import io.jasyncio.net.Server;
import io.jasyncio.net.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Transports and protocols on TCP (CPython test_selector_events' transport cases, on real sockets). */
public final class ProtocolScenarios {
    private ProtocolScenarios() {}

    /** Echoes what it receives; "boom" in the data makes dataReceived throw. */
    public static final class Echoing extends RecordingProtocol {
        @Override
        public void dataReceived(byte[] data) {
            super.dataReceived(data);
            if (ascii(data).contains("boom")) {
                throw new IllegalStateException("boom");
            }
            transport.write(data);
        }
    }

    /** A server whose protocols, made by {@code factory}, are put in {@code accepted} as they are made. */
    @Async
    static Coroutine<Server> serve(Supplier<? extends RecordingProtocol> factory, Queue<RecordingProtocol> accepted) {
        return result(await(getRunningLoop().createServer(() -> {
            RecordingProtocol p = factory.get();
            accepted.putNowait(p);
            return p;
        }, HOST, 0)));
    }

    @Async
    static Coroutine<RecordingProtocol> connect(Server server) {
        Endpoint<Transport, RecordingProtocol> endpoint =
                await(getRunningLoop().createConnection(RecordingProtocol::new, HOST, port(server)));
        return result(endpoint.protocol());
    }

    @Async
    static Coroutine<Void> closeServer(Server server) {
        server.close();
        await(server.waitClosed());
        return result();
    }

    /** Both logs of a connection on which the client sends two writes and a writeEof. */
    @Async
    public static Coroutine<List<String>> callbackOrder() {
        Queue<RecordingProtocol> accepted = new Queue<>();
        Server server = await(serve(RecordingProtocol::new, accepted));
        RecordingProtocol client = await(connect(server));
        RecordingProtocol serverSide = await(accepted.get());
        client.transport.write(ascii("hello "));
        client.transport.write(ascii("world"));
        client.transport.writeEof();
        String writeAfterEof;
        try {
            client.transport.write(ascii("late"));
            writeAfterEof = "accepted";
        } catch (IllegalStateException e) {
            writeAfterEof = e.getMessage();
        }
        await(client.lost);
        await(serverSide.lost);
        await(closeServer(server));
        return result(List.of("server " + serverSide.log, "received " + ascii(serverSide.received.toByteArray()),
                "client " + client.log, "write after writeEof: " + writeAfterEof,
                "accepted later " + accepted.qsize()));
    }

    /** The bytes of the shared test pattern from 0. */
    static byte[] pattern(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = patternByte(i);
        }
        return data;
    }

    /** A connection whose server side does not read, and whose client has a small send buffer. */
    record Stalled(Server server, RecordingProtocol client, RecordingProtocol serverSide) {}

    @Async
    static Coroutine<Stalled> stalled() {
        Queue<RecordingProtocol> accepted = new Queue<>();
        Server server = await(serve(RecordingProtocol::new, accepted));
        RecordingProtocol client = await(connect(server));
        RecordingProtocol serverSide = await(accepted.get());
        try {
            ((SocketChannel) client.transport.getExtraInfo("socket")).setOption(StandardSocketOptions.SO_SNDBUF, 32 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Transport serverTransport = await(serverSide.made);
        serverTransport.pauseReading();
        return result(new Stalled(server, client, serverSide));
    }

    /**
     * With water marks of 8 KiB / 2 KiB: 64 writes of 64 KiB to a peer that does not read
     * pause writing once; when the peer reads, writing resumes once, at or below the low mark.
     */
    @Async
    public static Coroutine<List<String>> waterMarks() {
        Stalled s = await(stalled());
        Transport t = s.client().transport;
        List<String> log = new ArrayList<>();
        try {
            t.setWriteBufferLimits(100, 200);
        } catch (IllegalArgumentException e) {
            log.add("high < low rejected");
        }
        t.setWriteBufferLimits(8192, 2048);
        log.add("limits " + Arrays.toString(t.getWriteBufferLimits()));
        byte[] data = pattern(4 * 1024 * 1024);
        for (int offset = 0; offset < data.length; offset += 64 * 1024) {
            t.write(Arrays.copyOfRange(data, offset, offset + 64 * 1024));
        }
        log.add("buffered over high " + (t.getWriteBufferSize() > 8192));
        log.add("client " + s.client().log);
        log.add("received while paused " + s.serverSide().received.size());
        Future<Void> all = s.serverSide().expect(data.length);
        s.serverSide().transport.resumeReading();
        await(all);
        log.add("client " + s.client().log);
        log.add("buffer at resume <= low " + (s.client().bufferAtResume <= 2048));
        log.add("received intact " + Arrays.equals(data, s.serverSide().received.toByteArray()));
        t.close();
        await(s.client().lost);
        await(s.serverSide().lost);
        await(closeServer(s.server()));
        return result(log);
    }

    /** close() with 2 MiB buffered: everything arrives, then connectionLost(null) on both sides. */
    @Async
    public static Coroutine<List<String>> closeFlushes() {
        Stalled s = await(stalled());
        Transport t = s.client().transport;
        byte[] data = pattern(2 * 1024 * 1024);
        t.write(data);
        List<String> log = new ArrayList<>();
        log.add("buffered " + (t.getWriteBufferSize() > 0));
        t.close();
        log.add("closing " + t.isClosing() + " lost " + s.client().lost.done());
        s.serverSide().transport.resumeReading();
        await(s.client().lost);
        await(s.serverSide().lost);
        log.add("client " + s.client().log);
        log.add("server " + s.serverSide().log);
        log.add("received intact " + Arrays.equals(data, s.serverSide().received.toByteArray()));
        await(closeServer(s.server()));
        return result(log);
    }

    /**
     * abort() with 2 MiB buffered: the buffer is dropped and connectionLost(null) follows, once
     * however often abort() and close() are called.
     */
    @Async
    public static Coroutine<List<String>> abortDrops() {
        Stalled s = await(stalled());
        Transport t = s.client().transport;
        byte[] data = pattern(2 * 1024 * 1024);
        t.write(data);
        List<String> log = new ArrayList<>();
        log.add("buffered " + (t.getWriteBufferSize() > 0));
        t.abort();
        log.add("closing " + t.isClosing() + " buffer " + t.getWriteBufferSize());
        t.abort();
        t.close();
        await(s.client().lost);
        log.add("client " + s.client().log);
        s.serverSide().transport.resumeReading();
        await(s.serverSide().lost);
        byte[] received = s.serverSide().received.toByteArray();
        log.add("received less " + (received.length < data.length));
        log.add("received a prefix " + Arrays.equals(received, Arrays.copyOf(data, received.length)));
        await(closeServer(s.server()));
        return result(log);
    }

    /** Keeps its writing side open at the end of the stream, to reply "bye" and then close. */
    public static final class ReplyOnEof extends RecordingProtocol {
        @Override
        public boolean eofReceived() {
            super.eofReceived();
            transport.write(ascii("bye"));
            transport.close();
            return true;
        }
    }

    /** eofReceived returning true: the half-closed connection can still be written to. */
    @Async
    public static Coroutine<List<String>> eofReceivedKeepsWriting() {
        Queue<RecordingProtocol> accepted = new Queue<>();
        Server server = await(serve(ReplyOnEof::new, accepted));
        RecordingProtocol client = await(connect(server));
        RecordingProtocol serverSide = await(accepted.get());
        client.transport.write(ascii("hi"));
        client.transport.writeEof();
        await(client.lost);
        await(serverSide.lost);
        await(closeServer(server));
        return result(List.of("client " + client.log + " " + ascii(client.received.toByteArray()),
                "server " + serverSide.log + " " + ascii(serverSide.received.toByteArray())));
    }

    /**
     * Two clients of an echo server; the first sends "boom", which makes the server's
     * dataReceived throw: that connection is aborted, the other one goes on.
     */
    @Async
    public static Coroutine<List<String>> dataReceivedThrows() {
        Queue<RecordingProtocol> accepted = new Queue<>();
        Server server = await(serve(Echoing::new, accepted));
        RecordingProtocol good = await(connect(server));
        RecordingProtocol goodServerSide = await(accepted.get());
        RecordingProtocol bad = await(connect(server));
        RecordingProtocol badServerSide = await(accepted.get());
        bad.transport.write(ascii("boom"));
        await(bad.lost);
        good.transport.write(ascii("ping"));
        await(good.expect(4));
        List<String> log = new ArrayList<>();
        log.add("bad client " + bad.log);
        log.add("good client echo " + ascii(good.received.toByteArray()) + " closing " + good.transport.isClosing());
        log.add("bad server side " + badServerSide.log + " " + await(badServerSide.lost));
        log.add("good server side " + goodServerSide.log);
        good.transport.close();
        await(good.lost);
        await(closeServer(server));
        return result(log);
    }
}
