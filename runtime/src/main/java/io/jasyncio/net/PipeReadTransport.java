package io.jasyncio.net;

import io.jasyncio.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The child's stdout or stderr: asyncio's {@code _UnixReadPipeTransport}. The pipe's thread
 * reads chunks and hands each to the loop, which gives it to the protocol; at the end of the
 * pipe the protocol gets {@code eofReceived} and then {@code connectionLost(null)}, whatever
 * {@code eofReceived} answers.
 *
 * <p>Back-pressure: the thread reads only while reading is not paused and less than
 * {@link #MAX_IN_FLIGHT} bytes it handed over are still waiting for the loop; otherwise it parks
 * until {@link #resumeReading()} or the loop's delivery unparks it. The child then blocks on a
 * full pipe, as it would under asyncio.
 */
final class PipeReadTransport extends PipeTransport {
    private static final int CHUNK_SIZE = 64 * 1024;
    /** Bytes handed to the loop and not yet delivered at which the thread stops reading. */
    private static final int MAX_IN_FLIGHT = 2 * CHUNK_SIZE;

    private final InputStream in;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Written by the loop, read by the pipe's thread. */
    private volatile boolean paused;

    PipeReadTransport(EventLoop loop, InputStream in, Protocol protocol, String threadName) {
        super(loop, in, protocol, threadName);
        this.in = in;
    }

    // ---- the pipe's thread -----------------------------------------------------------------

    @Override
    void pump() {
        byte[] buffer = new byte[CHUNK_SIZE];
        try (InputStream stream = in) {
            while (awaitRoom()) {
                int n = stream.read(buffer);
                if (n < 0) {
                    post(this::endOfPipe);
                    return;
                }
                byte[] chunk = Arrays.copyOf(buffer, n);
                inFlight.addAndGet(n);
                if (!post(() -> deliver(chunk))) {
                    return;
                }
            }
        } catch (IOException e) {
            post(() -> readFailed(e));
        }
    }

    /** Parks while reading is paused or the loop has enough undelivered data; false once stopped. */
    private boolean awaitRoom() {
        while (!stopped() && (paused || inFlight.get() >= MAX_IN_FLIGHT)) {
            LockSupport.park(this);
        }
        return !stopped();
    }

    @Override
    void wake() {
        LockSupport.unpark(thread);
    }

    // ---- the loop's thread -----------------------------------------------------------------

    private void deliver(byte[] chunk) {
        inFlight.addAndGet(-chunk.length);
        wake();
        if (closing) {
            return;
        }
        try {
            protocol.dataReceived(chunk); // a BufferedProtocol's copies it into its own buffer
        } catch (RuntimeException | Error e) {
            fatalError(e, "Fatal error: protocol.dataReceived() call failed.");
        }
    }

    private void endOfPipe() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            protocol.eofReceived(); // a pipe that ended cannot stay open, whatever the answer
        } catch (RuntimeException | Error e) {
            fatalError(e, "Fatal error: protocol.eofReceived() call failed.");
            return;
        }
        connectionLost(null);
    }

    private void readFailed(IOException e) {
        if (!closing) {
            closing = true;
            connectionLost(ConnectionError.translate(e));
        }
    }

    @Override
    public void pauseReading() {
        if (!closing) {
            paused = true;
        }
    }

    @Override
    public void resumeReading() {
        if (paused) {
            paused = false;
            wake();
        }
    }

    @Override
    public boolean isReading() {
        return !paused && !closing;
    }

    /** Stops reading at once; the protocol's {@code connectionLost(null)} follows through the loop. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        stop();
        loop.callSoon(() -> connectionLost(null));
    }

    /** The same as {@link #close()}: a read pipe has nothing buffered to drop. */
    @Override
    public void abort() {
        close();
    }

    // ---- a read pipe has no writing side ---------------------------------------------------

    @Override
    public void write(byte[] data) {
        throw readOnly();
    }

    @Override
    public void write(ByteBuffer data) {
        throw readOnly();
    }

    @Override
    public void writeEof() {
        throw readOnly();
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public int getWriteBufferSize() {
        return 0;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        throw readOnly();
    }

    @Override
    public int[] getWriteBufferLimits() {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a read pipe cannot be written to");
    }
}
