package io.jasyncio.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * The transport of one TCP connection on a non-blocking {@link SocketChannel}: asyncio's
 * {@code _SelectorSocketTransport}.
 *
 * <p>Reading: once per readiness, into the protocol's own buffer for a
 * {@link BufferedProtocol}, else into a direct buffer shared by the loop thread's transports
 * and copied into a fresh array for {@link Protocol#dataReceived}. Writing: straight to the
 * socket (through that direct buffer) while nothing is buffered, so a connection that keeps up
 * never buffers or allocates; the rest is copied into the write buffer, which the loop flushes
 * when the socket is writable.
 */
final class SocketTransport extends SelectorTransport implements Transport {
    private static final int SCRATCH_SIZE = 256 * 1024;
    /**
     * Every transport of a loop runs on the loop's thread, so one direct buffer per thread
     * serves them all, for reads (copied out before the protocol sees them) and for writes.
     * Looked up per use, not kept: a loop may be run by another thread later.
     */
    private static final ThreadLocal<ByteBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SCRATCH_SIZE));

    private final SocketChannel socket;
    private final Server server;
    private final SocketAddress peerName;
    private final SocketAddress sockName;
    private final Runnable readReady = this::readReady;
    private final Runnable writeReady = this::writeReady;
    private Protocol protocol;
    private BufferedProtocol bufferedProtocol;

    private ArrayDeque<ByteBuffer> writeBuffer;
    private int writeBufferSize;
    private final WriteFlowControl flowControl;

    private boolean readingPaused;
    private boolean eofRequested;
    /** True while {@link #sendfile} sends from a file: writes are refused meanwhile. */
    private boolean sendingFile;
    /** What {@link #sendfile} waits on (the buffer emptied, or room in the socket); failed if the connection ends. */
    private Future<Void> sendfileWaiter;

    SocketTransport(EventLoop loop, SocketChannel channel, Protocol protocol, Server server) throws IOException {
        super(loop, channel);
        this.socket = channel;
        this.server = server;
        this.flowControl = new WriteFlowControl(loop, this);
        if (channel.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // not for a Unix domain socket
        }
        this.peerName = channel.getRemoteAddress();
        this.sockName = channel.getLocalAddress();
        setProtocol(protocol);
        if (server != null) {
            server.attach(this);
        }
    }

    /**
     * Schedules {@code connectionMade}, then the start of reading, then {@code ready}'s result
     * (if not null), each after the previous, as asyncio's transport constructor does.
     */
    void start(Future<Void> ready) {
        loop.callSoon(() -> {
            try {
                protocol.connectionMade(this);
            } catch (RuntimeException | Error e) {
                fatalError(e, "Fatal error: protocol.connectionMade() call failed.");
            }
            if (!closing && !readingPaused) {
                loop.addReader(channel, readReady);
            }
            if (ready != null && !ready.done()) {
                ready.setResult(null);
            }
        });
    }

    // ---- reading ---------------------------------------------------------------------------

    private void readReady() {
        int n;
        try {
            n = bufferedProtocol != null ? readIntoProtocol() : readAndDeliver();
        } catch (IOException e) {
            fatalError(e, "Fatal read error on socket transport");
            return;
        } catch (RuntimeException | Error e) {
            fatalError(e, "Fatal error: protocol.dataReceived() call failed.");
            return;
        }
        if (n < 0) {
            eofReceived();
        }
    }

    private int readIntoProtocol() throws IOException {
        ByteBuffer buffer = bufferedProtocol.getBuffer(-1);
        if (!buffer.hasRemaining()) {
            throw new IllegalStateException("getBuffer() returned a buffer with no room: " + buffer);
        }
        int n = socket.read(buffer);
        if (n > 0) {
            bufferedProtocol.bufferUpdated(n);
        }
        return n;
    }

    private int readAndDeliver() throws IOException {
        ByteBuffer scratch = SCRATCH.get().clear();
        int n = socket.read(scratch);
        if (n > 0) {
            byte[] data = new byte[n];
            scratch.flip().get(data);
            protocol.dataReceived(data);
        }
        return n;
    }

    private void eofReceived() {
        boolean keepOpen;
        try {
            keepOpen = protocol.eofReceived();
        } catch (RuntimeException | Error e) {
            fatalError(e, "Fatal error: protocol.eofReceived() call failed.");
            return;
        }
        if (keepOpen) {
            loop.removeReader(channel);
        } else {
            close();
        }
    }

    @Override
    public void pauseReading() {
        if (closing || readingPaused) {
            return;
        }
        readingPaused = true;
        loop.removeReader(channel);
    }

    @Override
    public void resumeReading() {
        if (closing || !readingPaused) {
            return;
        }
        readingPaused = false;
        loop.addReader(channel, readReady);
    }

    @Override
    public boolean isReading() {
        return !readingPaused && !closing;
    }

    // ---- writing ---------------------------------------------------------------------------

    @Override
    public void write(byte[] data) {
        if (!acceptsWrite(data.length)) {
            return;
        }
        if (writeBufferSize == 0) {
            int written;
            try {
                written = writeThroughScratch(data);
            } catch (IOException e) {
                fatalError(e, "Fatal write error on socket transport");
                return;
            }
            if (written == data.length) {
                return;
            }
            loop.addWriter(channel, writeReady);
            buffer(ByteBuffer.wrap(data, written, data.length - written));
        } else {
            buffer(ByteBuffer.wrap(data));
        }
        flowControl.bufferGrew(writeBufferSize, protocol);
    }

    @Override
    public void write(ByteBuffer data) {
        if (!acceptsWrite(data.remaining())) {
            return;
        }
        if (writeBufferSize == 0) {
            try {
                socket.write(data);
            } catch (IOException e) {
                fatalError(e, "Fatal write error on socket transport");
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            loop.addWriter(channel, writeReady);
        }
        buffer(data);
        flowControl.bufferGrew(writeBufferSize, protocol);
    }

    /**
     * Whether a write of {@code length} bytes goes ahead: not when empty, nor once the
     * connection is lost (as asyncio: the protocol has been told).
     *
     * @throws IllegalStateException after {@link #writeEof()}
     */
    private boolean acceptsWrite(int length) {
        if (eofRequested) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        if (sendingFile) {
            throw new IllegalStateException("unable to write; sendfile is in progress");
        }
        return length > 0 && !lost;
    }

    /**
     * Writes {@code data} through the thread's direct scratch buffer: the copy the JDK would
     * make into its own temporary direct buffer, without wrapping the array or looking the
     * temporary buffer up. Returns how many bytes the socket took.
     */
    private int writeThroughScratch(byte[] data) throws IOException {
        if (data.length > SCRATCH_SIZE) {
            ByteBuffer wrapped = ByteBuffer.wrap(data);
            socket.write(wrapped);
            return wrapped.position();
        }
        ByteBuffer scratch = SCRATCH.get().clear();
        scratch.put(data).flip();
        return socket.write(scratch);
    }

    /** Keeps a copy of what is left of {@code data}: the caller may reuse its array. */
    private void buffer(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        if (writeBuffer == null) {
            writeBuffer = new ArrayDeque<>();
        }
        writeBuffer.addLast(copy);
        writeBufferSize += copy.remaining();
    }

    private void writeReady() {
        try {
            ByteBuffer head;
            while ((head = writeBuffer.peekFirst()) != null) {
                writeBufferSize -= socket.write(head);
                if (head.hasRemaining()) {
                    break;
                }
                writeBuffer.pollFirst();
            }
        } catch (IOException e) {
            fatalError(e, "Fatal write error on socket transport"); // drops the buffer and the writer
            return;
        }
        flowControl.bufferShrank(writeBufferSize, protocol);
        if (writeBufferSize == 0) {
            loop.removeWriter(channel);
            wakeSendfile();
            if (closing) {
                connectionLost(null);
            } else if (eofRequested) {
                shutdownOutput();
            }
        }
    }

    // ---- sending a file --------------------------------------------------------------------

    /** The most one transfer sends, so that other callbacks run between transfers of a large file. */
    private static final long TRANSFER_CHUNK = 4L << 20;

    /**
     * {@code sendfile} on this connection with the system's zero-copy transfer
     * ({@link FileChannel#transferTo}, which is {@code sendfile(2)} on Linux): once what is
     * buffered has been written, the file goes from the page cache to the socket without
     * passing through the Java heap, a transfer each time the socket has room, on the loop's
     * thread. Meanwhile reading is paused and writes are refused, as asyncio's native path
     * does. {@code count} 0: to the end of the file.
     */
    @Async
    Coroutine<Long> sendfile(FileChannel file, long offset, long count) {
        if (closing) {
            throw new IllegalStateException("Transport is closing");
        }
        if (sendingFile) {
            throw new IllegalStateException("sendfile is already in progress on " + this);
        }
        boolean wasReading = isReading();
        if (wasReading) {
            pauseReading();
        }
        sendingFile = true;
        long sent = 0;
        try {
            if (writeBufferSize > 0) {
                await(sendfileWaiter = loop.createFuture()); // the buffered bytes go first
            }
            long wanted = count == 0 ? Long.MAX_VALUE : count;
            while (sent < wanted) {
                if (closing) {
                    throw new ConnectionError("Connection closed during sendfile",
                            new IOException("connection closed during sendfile"));
                }
                long n;
                try {
                    n = file.transferTo(offset + sent, Math.min(wanted - sent, TRANSFER_CHUNK), socket);
                } catch (IOException e) {
                    throw ConnectionError.translate(e);
                }
                if (n > 0) {
                    sent += n;
                } else if (offset + sent >= sizeOf(file)) {
                    break;
                } else {
                    sendfileWaiter = loop.createFuture();
                    loop.addWriter(channel, this::wakeSendfile);
                    await(sendfileWaiter);
                }
            }
            return result(sent);
        } finally {
            sendingFile = false;
            sendfileWaiter = null;
            if (!lost && bufferedBytes() == 0 && channel.isOpen()) {
                loop.removeWriter(channel);
            }
            if (wasReading && !closing) {
                resumeReading();
            }
            if (sent > 0) {
                try {
                    file.position(offset + sent);
                } catch (IOException e) {
                    // a file that cannot seek keeps its position
                }
            }
        }
    }

    private static long sizeOf(FileChannel file) {
        try {
            return file.size();
        } catch (IOException e) {
            throw ConnectionError.translate(e);
        }
    }

    /** The buffer is empty, or the socket has room: {@link #sendfile} goes on. */
    private void wakeSendfile() {
        Future<Void> waiter = sendfileWaiter;
        if (waiter != null) {
            sendfileWaiter = null;
            if (bufferedBytes() == 0) {
                loop.removeWriter(channel);
            }
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        }
    }

    @Override
    void connectionLost(Throwable exc) {
        Future<Void> waiter = sendfileWaiter;
        if (waiter != null && !waiter.done()) {
            sendfileWaiter = null;
            waiter.setException(new ConnectionError("Connection lost during sendfile",
                    exc instanceof IOException io ? io : new IOException("connection lost during sendfile", exc)));
        }
        super.connectionLost(exc);
    }

    @Override
    public void writeEof() {
        if (closing || eofRequested) {
            return;
        }
        eofRequested = true;
        if (writeBufferSize == 0) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            fatalError(e, "Fatal error on shutdown of the socket's output");
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
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

    // ---- closing ---------------------------------------------------------------------------

    @Override
    int bufferedBytes() {
        return writeBufferSize;
    }

    @Override
    void dropWriteBuffer() {
        if (writeBuffer != null) {
            writeBuffer.clear();
        }
        writeBufferSize = 0;
    }

    @Override
    BaseProtocol protocol() {
        return protocol;
    }

    @Override
    void released() {
        if (server != null) {
            server.detach(this);
        }
    }

    // ---- information -----------------------------------------------------------------------

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        Object value = switch (name) {
            case "peername" -> peerName;
            case "sockname" -> sockName;
            case "socket" -> channel;
            default -> null;
        };
        return value == null ? defaultValue : value;
    }

    @Override
    public void setProtocol(Protocol protocol) {
        if (protocol == null) {
            throw new NullPointerException("protocol");
        }
        this.protocol = protocol;
        this.bufferedProtocol = protocol instanceof BufferedProtocol buffered ? buffered : null;
    }

    @Override
    public Protocol getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        return "<SocketTransport " + (closing ? "closing " : "") + "local=" + sockName + " peer=" + peerName
                + " buffered=" + writeBufferSize + ">";
    }
}
