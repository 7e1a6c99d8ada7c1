package io.jasyncio.benchmarks.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A file sent through a TCP connection on 127.0.0.1 to a receiver thread that reads it into
 * one reused buffer: {@code EventLoop.sendfile} (the zero-copy transfer) against the copy loop
 * a user would write (read a chunk into the heap, write it, wait for the transport to drain).
 * One operation is the whole file, received; the file sits in the page cache after the first.
 * The receiver has a thread of its own so that what is measured is the sending side's cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class SendfileBenchmark {
    @Param("100")
    public int mebibytes;

    private static final int COPY_CHUNK = 256 * 1024;

    private EventLoop loop;
    private Path path;
    private FileChannel file;
    private ServerSocketChannel listener;
    private Thread receiver;
    private Transport transport;
    private final Flow flow = new Flow();
    /** Bytes the receiver has read; written by it only. */
    private final AtomicLong received = new AtomicLong();
    /** The count at which the receiver wakes {@link #arrived}; set before each send. */
    private volatile long expected = Long.MAX_VALUE;
    private volatile Future<Void> arrived;

    /** The client's protocol: the copy loop's back-pressure. */
    static final class Flow implements Protocol {
        Future<Void> writable;

        @Override
        public void pauseWriting() {
            writable = io.jasyncio.Asyncio.getRunningLoop().createFuture();
        }

        @Override
        public void resumeWriting() {
            Future<Void> resumed = writable;
            writable = null;
            if (resumed != null) {
                resumed.setResult(null);
            }
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        path = Files.createTempFile("jasyncio-sendfile", ".bin");
        byte[] block = new byte[1 << 20];
        new java.util.Random(1).nextBytes(block);
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.WRITE)) {
            for (int i = 0; i < mebibytes; i++) {
                out.write(ByteBuffer.wrap(block));
            }
        }
        file = FileChannel.open(path);
        loop = EventLoop.newEventLoop();
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        receiver = new Thread(this::receive, "sendfile-receiver");
        receiver.setDaemon(true);
        receiver.start();
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        transport = loop.runUntilComplete(loop.createConnection(() -> flow, "127.0.0.1", port)).transport();
    }

    /** The receiver thread: reads until the connection ends, waking the loop at each expected count. */
    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (SocketChannel connection = listener.accept()) {
            int n;
            while ((n = connection.read(buffer.clear())) >= 0) {
                if (received.addAndGet(n) >= expected) {
                    expected = Long.MAX_VALUE;
                    Future<Void> done = arrived;
                    loop.callSoonThreadsafe(() -> done.setResult(null));
                }
            }
        } catch (IOException e) {
            // the benchmark is over: the connection or the listener was closed
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        transport.close();
        loop.runUntilComplete(io.jasyncio.Asyncio.sleep(0));
        listener.close();
        receiver.join(10_000);
        loop.close();
        file.close();
        Files.deleteIfExists(path);
    }

    @Benchmark
    public long sendfile() {
        return loop.runUntilComplete(sendAndWait(true));
    }

    @Benchmark
    public long copyLoop() {
        return loop.runUntilComplete(sendAndWait(false));
    }

    @Async
    private Coroutine<Long> sendAndWait(boolean zeroCopy) {
        long size = (long) mebibytes << 20;
        Future<Void> done = loop.createFuture();
        arrived = done;
        expected = received.get() + size;
        long sent = zeroCopy ? await(loop.sendfile(transport, file, 0, 0)) : await(copy(size));
        await(done);
        return result(sent);
    }

    /** What a user writes without sendfile: chunks into the heap and out through the transport. */
    @Async
    private Coroutine<Long> copy(long size) {
        ByteBuffer chunk = ByteBuffer.allocate(COPY_CHUNK);
        long sent = 0;
        while (sent < size) {
            chunk.clear();
            int n;
            try {
                n = file.read(chunk, sent);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            transport.write(chunk.flip()); // what the socket does not take, the transport copies
            sent += n;
            if (flow.writable != null) {
                await(flow.writable);
            }
        }
        return result(sent);
    }
}
