package io.jasyncio.net;

import io.jasyncio.EventLoop;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The child's stdin: asyncio's {@code _UnixWritePipeTransport}. {@link #write} copies the bytes
 * onto a queue that the pipe's thread writes to the pipe; the loop counts them as buffered until
 * the thread reports them written, and pauses and resumes the protocol's writing across the
 * water marks (64 KiB and 16 KiB by default), which is what makes {@code StreamWriter.drain()}
 * wait for a child that reads slowly.
 *
 * <p>A pipe cannot be half-closed: {@link #writeEof()} is {@link #close()}, which closes the
 * pipe once the queued bytes are written (the child then reads end of file). As in asyncio,
 * writes to a closing pipe are dropped. A failed write means the child's end of the pipe is
 * closed: the protocol's {@code connectionLost} gets a {@link BrokenPipeError}.
 */
final class PipeWriteTransport extends PipeTransport {
    /** Queued last: the thread closes the pipe when it takes it. */
    private static final byte[] END = new byte[0];

    private final OutputStream out;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private int writeBufferSize;
    private final WriteFlowControl flowControl = new WriteFlowControl(loop, this);

    PipeWriteTransport(EventLoop loop, OutputStream out, Protocol protocol, String threadName) {
        super(loop, out, protocol, threadName);
        this.out = out;
    }

    // ---- the pipe's thread -----------------------------------------------------------------

    @Override
    void pump() {
        IOException failure = null;
        try (OutputStream stream = out) {
            byte[] chunk;
            while ((chunk = next()) != END) {
                stream.write(chunk);
                stream.flush();
                int n = chunk.length;
                if (!post(() -> written(n))) {
                    return;
                }
            }
        } catch (IOException e) {
            failure = e;
        }
        IOException error = failure;
        post(() -> connectionLost(error == null ? null : new BrokenPipeError(String.valueOf(error.getMessage()), error)));
    }

    /** The next bytes to write, or {@link #END} when the pipe is to be closed or the thread stopped. */
    private byte[] next() {
        try {
            byte[] chunk = stopped() ? END : queue.take();
            return stopped() ? END : chunk;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts this thread; if someone does, it ends
            return END;
        }
    }

    @Override
    void wake() {
        queue.add(END);
    }

    // ---- the loop's thread -----------------------------------------------------------------

    @Override
    public void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    @Override
    public void write(ByteBuffer data) {
        if (closing || !data.hasRemaining()) {
            return;
        }
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        queue.add(copy);
        writeBufferSize += copy.length;
        flowControl.bufferGrew(writeBufferSize, protocol);
    }

    private void written(int n) {
        if (stopped()) {
            return; // aborted: the buffer was dropped
        }
        writeBufferSize -= n;
        flowControl.bufferShrank(writeBufferSize, protocol);
    }

    /** {@link #close()}: the end of a pipe is the end of the data. */
    @Override
    public void writeEof() {
        close();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    /** Closes the pipe once the queued bytes are written; {@code connectionLost} follows. */
    @Override
    public void close() {
        if (!closing) {
            closing = true;
            queue.add(END);
        }
    }

    /** Drops the queued bytes and closes the pipe; {@code connectionLost(null)} follows through the loop. */
    @Override
    public void abort() {
        closing = true;
        queue.clear();
        writeBufferSize = 0;
        stop();
        loop.callSoon(() -> connectionLost(null));
    }

    @Override
    public int getWriteBufferSize() {
        return writeBufferSize;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        flowControl.setLimits(high, low, writeBufferSize, protocol);
    }

    @Override
    public int[] getWriteBufferLimits() {
        return flowControl.limits();
    }

    // ---- a write pipe has no reading side --------------------------------------------------

    @Override
    public void pauseReading() {
        throw writeOnly();
    }

    @Override
    public void resumeReading() {
        throw writeOnly();
    }

    @Override
    public boolean isReading() {
        return false;
    }

    private static UnsupportedOperationException writeOnly() {
        return new UnsupportedOperationException("a write pipe cannot be read from");
    }
}
