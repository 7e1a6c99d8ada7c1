package io.jasyncio.benchmarks;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.AsyncIterator;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.net.StreamReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * {@code StreamReader.readline} without sockets, fed by hand: 1,000 lines read from a buffer
 * that already holds them all (the read never waits; also through {@code lines()}, as
 * {@code async for} reads them), and 1,000 lines each fed by another
 * task after the reader has started waiting for it (every read waits once). An operation is
 * one line.
 */
@OutputTimeUnit(TimeUnit.SECONDS)
public class StreamReaderBenchmark {
    private static final int LINES = 1_000;
    private static final byte[] LINE = "GET /index.html HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ALL_LINES;

    static {
        ALL_LINES = new byte[LINE.length * LINES];
        for (int i = 0; i < LINES; i++) {
            System.arraycopy(LINE, 0, ALL_LINES, i * LINE.length, LINE.length);
        }
    }

    @Async
    static Coroutine<Integer> readBuffered() {
        StreamReader reader = new StreamReader();
        reader.feedData(ALL_LINES);
        int bytes = 0;
        for (int i = 0; i < LINES; i++) {
            bytes += await(reader.readline()).length;
        }
        return result(bytes);
    }

    /** {@link #readBuffered()}, written as asyncio's {@code async for line in reader}. */
    @Async
    static Coroutine<Integer> iterateBuffered() {
        StreamReader reader = new StreamReader();
        reader.feedData(ALL_LINES);
        reader.feedEof();
        int bytes = 0;
        AsyncIterator<byte[]> lines = reader.lines();
        while (await(lines.hasNext())) {
            bytes += lines.next().length;
        }
        return result(bytes);
    }

    @Async
    static Coroutine<Void> feedOneAtATime(StreamReader reader) {
        for (int i = 0; i < LINES; i++) {
            await(sleep(0)); // the reader runs and waits before each line comes
            reader.feedData(LINE);
        }
        return result();
    }

    @Async
    static Coroutine<Integer> readWaiting() {
        StreamReader reader = new StreamReader();
        Task<Void> feeder = createTask(feedOneAtATime(reader));
        int bytes = 0;
        for (int i = 0; i < LINES; i++) {
            bytes += await(reader.readline()).length;
        }
        await(feeder);
        return result(bytes);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int readlineBuffered(JasyncioLoop state) {
        return state.loop.runUntilComplete(readBuffered());
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int linesBuffered(JasyncioLoop state) {
        return state.loop.runUntilComplete(iterateBuffered());
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int readlineWaiting(JasyncioLoop state) {
        return state.loop.runUntilComplete(readWaiting());
    }
}
