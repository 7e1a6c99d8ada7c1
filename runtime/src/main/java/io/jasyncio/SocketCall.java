package io.jasyncio;

import io.jasyncio.internal.CoroutineFrame;
import io.jasyncio.net.ConnectionError;
import io.jasyncio.net.Datagram;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One low-level socket operation of {@link EventLoop} ({@code sockRecv}, {@code sockSendall},
 * {@code sockConnect}, {@code sockAccept}, {@code sockRecvfrom}, {@code sockSendto}) as a coroutine: it tries the non-blocking call at
 * once and returns without allocating anything more if it succeeds; otherwise it watches the
 * channel with the loop, retries each time the channel is ready, and suspends on a future
 * that the retry completes. However the wait ends (done, failed, cancelled), the channel is
 * no longer watched. I/O errors arrive as the unchecked {@link ConnectionError#translate
 * translations} of the JDK's.
 *
 * <p>They stay hand-written: the frame is its own readiness callback, where an {@code @Async}
 * version needs one more object for each wait, which a same-run comparison measured as more
 * memory per call at the same speed ({@code benchmarks/results/3635d16/sleep-sock-*}, the
 * {@code @Async} version in {@code sleep-sock-async.patch}; the figures are in
 * docs/PERFORMANCE.md).
 */
abstract class SocketCall<T> extends CoroutineFrame<T> implements Runnable {
    /** {@link #attempt()}'s answer when the channel was not ready. */
    private static final Object NOT_READY = new Object();

    private final EventLoop loop;
    private final SelectableChannel channel;
    private final boolean writes;
    private final String name;
    private Future<T> waiter;

    SocketCall(EventLoop loop, SelectableChannel channel, boolean writes, String name) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the socket must be non-blocking: " + channel);
        }
        this.loop = loop;
        this.channel = channel;
        this.writes = writes;
        this.name = name;
    }

    /** One non-blocking try: the operation's result, or {@link #NOT_READY}. */
    abstract Object attempt() throws IOException;

    @Override
    protected final Object resume(Object value, Throwable error) throws Throwable {
        if (waiter != null) {
            unwatch();
            if (error != null) {
                throw error;
            }
            return complete(value);
        }
        if (error != null) {
            throw error;
        }
        Object outcome = attemptTranslated();
        if (outcome != NOT_READY) {
            return complete(outcome);
        }
        waiter = loop.createFuture();
        if (writes) {
            loop.addWriter(channel, this);
        } else {
            loop.addReader(channel, this);
        }
        return waiter;
    }

    /** The channel is ready: retry, and wake the awaiting task if the operation is over. */
    @Override
    @SuppressWarnings("unchecked")
    public final void run() {
        if (waiter.done()) {
            return;
        }
        try {
            Object outcome = attemptTranslated();
            if (outcome != NOT_READY) {
                unwatch();
                waiter.setResult((T) outcome);
            }
        } catch (RuntimeException e) {
            unwatch();
            waiter.setException(e);
        }
    }

    private Object attemptTranslated() {
        try {
            return attempt();
        } catch (IOException e) {
            throw ConnectionError.translate(e);
        }
    }

    private void unwatch() {
        if (!channel.isOpen()) {
            return;
        }
        if (writes) {
            loop.removeWriter(channel);
        } else {
            loop.removeReader(channel);
        }
    }

    @Override
    public String toString() {
        return "<coroutine " + name + ">";
    }

    /** The buffer a receive of up to {@code n} bytes reads into. */
    static ByteBuffer receiveBuffer(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative buffer size: " + n);
        }
        return ByteBuffer.allocate(n);
    }

    /** {@code sockRecv}: up to {@code n} bytes; an empty array at end of stream. */
    static final class Recv extends SocketCall<byte[]> {
        private final SocketChannel socket;
        private final ByteBuffer buffer;

        Recv(EventLoop loop, SocketChannel socket, int n) {
            super(loop, socket, false, "sockRecv()");
            this.socket = socket;
            this.buffer = receiveBuffer(n);
        }

        @Override
        Object attempt() throws IOException {
            if (!buffer.hasRemaining()) {
                return new byte[0];
            }
            int n = socket.read(buffer);
            if (n == 0) {
                return NOT_READY;
            }
            return n < 0 ? new byte[0] : Arrays.copyOf(buffer.array(), n);
        }
    }

    /** {@code sockSendall}: every remaining byte of the buffer. */
    static final class Sendall extends SocketCall<Void> {
        private final SocketChannel socket;
        private final ByteBuffer data;

        Sendall(EventLoop loop, SocketChannel socket, ByteBuffer data) {
            super(loop, socket, true, "sockSendall()");
            this.socket = socket;
            this.data = data;
        }

        @Override
        Object attempt() throws IOException {
            while (data.hasRemaining()) {
                if (socket.write(data) == 0) {
                    return NOT_READY;
                }
            }
            return null;
        }
    }

    /** {@code sockConnect}: starts connecting when first run, then waits until it is done. */
    static final class Connect extends SocketCall<Void> {
        private final SocketChannel socket;
        private final SocketAddress address;
        private boolean started;

        Connect(EventLoop loop, SocketChannel socket, SocketAddress address) {
            super(loop, socket, true, "sockConnect()");
            this.socket = socket;
            this.address = address;
        }

        @Override
        Object attempt() throws IOException {
            if (!started) {
                started = true;
                if (socket.connect(address)) {
                    return null;
                }
            }
            return socket.finishConnect() ? null : NOT_READY;
        }
    }

    /** {@code sockAccept}: the next connection, in non-blocking mode. */
    static final class Accept extends SocketCall<SocketChannel> {
        private final ServerSocketChannel server;

        Accept(EventLoop loop, ServerSocketChannel server) {
            super(loop, server, false, "sockAccept()");
            this.server = server;
        }

        @Override
        Object attempt() throws IOException {
            SocketChannel connection = server.accept();
            if (connection == null) {
                return NOT_READY;
            }
            connection.configureBlocking(false);
            return connection;
        }
    }

    /** {@code sockRecvfrom}: one datagram, cut to {@code n} bytes, and who sent it. */
    static final class Recvfrom extends SocketCall<Datagram> {
        private final DatagramChannel socket;
        private final ByteBuffer buffer;

        Recvfrom(EventLoop loop, DatagramChannel socket, int n) {
            super(loop, socket, false, "sockRecvfrom()");
            this.socket = socket;
            this.buffer = receiveBuffer(n);
        }

        @Override
        Object attempt() throws IOException {
            buffer.clear();
            SocketAddress sender = socket.receive(buffer);
            if (sender == null) {
                return NOT_READY;
            }
            return new Datagram(Arrays.copyOf(buffer.array(), buffer.position()), sender);
        }
    }

    /** {@code sockSendto}: one datagram, whole, to {@code address}; the bytes sent. */
    static final class Sendto extends SocketCall<Integer> {
        private final DatagramChannel socket;
        private final ByteBuffer data;
        private final SocketAddress address;

        Sendto(EventLoop loop, DatagramChannel socket, ByteBuffer data, SocketAddress address) {
            super(loop, socket, true, "sockSendto()");
            this.socket = socket;
            this.data = data;
            this.address = address;
        }

        @Override
        Object attempt() throws IOException {
            int size = data.remaining();
            // A datagram goes whole or not at all: 0 means no room in the send buffer yet.
            int sent = address == null ? socket.write(data) : socket.send(data, address);
            return sent == 0 && size > 0 ? NOT_READY : size;
        }
    }
}
