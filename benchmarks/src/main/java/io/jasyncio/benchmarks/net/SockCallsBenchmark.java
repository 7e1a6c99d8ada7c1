package io.jasyncio.benchmarks.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Task;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The loop's low-level socket calls: 1,000 round trips of a 64-byte message between two tasks
 * over a TCP connection on 127.0.0.1, each side with {@code sockSendall} and {@code sockRecv}
 * on its own non-blocking channel. Every receive waits for the other side's send, so every
 * call takes the waiting path once. An operation is one round trip.
 */
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class SockCallsBenchmark {
    private static final int ROUND_TRIPS = 1_000;
    private static final byte[] MESSAGE = new byte[64];

    private EventLoop loop;
    private SocketChannel client;
    private SocketChannel server;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        loop = EventLoop.newEventLoop();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            client = SocketChannel.open(listener.getLocalAddress());
            server = listener.accept();
        }
        client.configureBlocking(false);
        server.configureBlocking(false);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        client.close();
        server.close();
        loop.close();
    }

    /** Reads exactly {@code n} bytes with sockRecv. */
    @Async
    Coroutine<Integer> receive(SocketChannel channel, int n) {
        int received = 0;
        while (received < n) {
            byte[] data = await(loop.sockRecv(channel, n - received));
            if (data.length == 0) {
                throw new IllegalStateException("the other side closed");
            }
            received += data.length;
        }
        return result(received);
    }

    @Async
    Coroutine<Void> echo() {
        for (int i = 0; i < ROUND_TRIPS; i++) {
            await(receive(server, MESSAGE.length));
            await(loop.sockSendall(server, MESSAGE));
        }
        return result();
    }

    @Async
    Coroutine<Integer> pingPong() {
        Task<Void> echoing = createTask(echo());
        int total = 0;
        for (int i = 0; i < ROUND_TRIPS; i++) {
            await(loop.sockSendall(client, MESSAGE));
            total += await(receive(client, MESSAGE.length));
        }
        await(echoing);
        return result(total);
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int roundTrip() {
        return loop.runUntilComplete(pingPong());
    }
}
