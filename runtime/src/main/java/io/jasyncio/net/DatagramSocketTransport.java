package io.jasyncio.net;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;

/**
 * The transport of a UDP endpoint on a non-blocking {@link DatagramChannel}: asyncio's
 * {@code _SelectorDatagramTransport}. Receives every datagram waiting at each readiness;
 * sends at once while nothing is queued, else queues (datagram and address) until writable.
 * A failed send or receive goes to the protocol's {@code errorReceived} and the endpoint stays
 * open, as asyncio's does.
 */
final class DatagramSocketTransport extends SelectorTransport implements DatagramTransport {
    /** The largest UDP payload. */
    private static final int MAX_DATAGRAM = 65507;

    private record Outgoing(ByteBuffer data, SocketAddress address) {}

    private final DatagramChannel datagrams;
    private final DatagramProtocol protocol;
    private final SocketAddress remote;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final Runnable readReady = this::readReady;
    private final Runnable writeReady = this::writeReady;
    private int queuedBytes;

    DatagramSocketTransport(EventLoop loop, DatagramChannel channel, DatagramProtocol protocol, SocketAddress remote) {
        super(loop, channel);
        this.datagrams = channel;
        this.protocol = protocol;
        this.remote = remote;
    }

    /** Schedules connectionMade, then reading, then {@code ready}'s result. */
    void start(Future<Void> ready) {
        loop.callSoon(() -> {
            try {
                protocol.connectionMade(this);
            } catch (RuntimeException | Error e) {
                fatalError(e, "Fatal error: protocol.connectionMade() call failed.");
            }
            if (!closing) {
                loop.addReader(channel, readReady);
            }
            if (!ready.done()) {
                ready.setResult(null);
            }
        });
    }

    private void readReady() {
        while (!closing) {
            receiveBuffer.clear();
            SocketAddress from;
            try {
                from = datagrams.receive(receiveBuffer);
            } catch (PortUnreachableException e) {
                protocol.errorReceived(e);
                return;
            } catch (IOException e) {
                fatalError(e, "Fatal read error on datagram transport");
                return;
            }
            if (from == null) {
                return;
            }
            byte[] data = new byte[receiveBuffer.flip().remaining()];
            receiveBuffer.get(data);
            try {
                protocol.datagramReceived(data, from);
            } catch (RuntimeException | Error e) {
                fatalError(e, "Fatal error: protocol.datagramReceived() call failed.");
                return;
            }
        }
    }

    @Override
    public void sendto(byte[] data, SocketAddress addr) {
        if (addr != null && remote != null && !addr.equals(remote)) {
            throw new IllegalArgumentException("Invalid address: must be null or " + remote);
        }
        if (addr == null && remote == null) {
            throw new IllegalArgumentException("an address is required: the endpoint is not connected");
        }
        if (lost) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(data.clone());
        if (queue.isEmpty()) {
            try {
                if (send(buffer, addr) > 0 || data.length == 0) {
                    return;
                }
            } catch (PortUnreachableException e) {
                protocol.errorReceived(e);
                return;
            } catch (IOException e) {
                fatalError(e, "Fatal write error on datagram transport");
                return;
            }
            loop.addWriter(channel, writeReady);
        }
        queue.addLast(new Outgoing(buffer, addr));
        queuedBytes += data.length;
    }

    private int send(ByteBuffer buffer, SocketAddress addr) throws IOException {
        return addr == null ? datagrams.write(buffer) : datagrams.send(buffer, addr);
    }

    private void writeReady() {
        Outgoing next;
        while ((next = queue.peekFirst()) != null) {
            try {
                if (send(next.data(), next.address()) == 0) {
                    return;
                }
            } catch (PortUnreachableException e) {
                protocol.errorReceived(e);
            } catch (IOException e) {
                fatalError(e, "Fatal write error on datagram transport");
                return;
            }
            queue.pollFirst();
            queuedBytes -= next.data().capacity();
        }
        loop.removeWriter(channel);
        if (closing) {
            connectionLost(null);
        }
    }

    @Override
    public int getWriteBufferSize() {
        return queuedBytes;
    }

    @Override
    int bufferedBytes() {
        return queuedBytes;
    }

    @Override
    void dropWriteBuffer() {
        queue.clear();
        queuedBytes = 0;
    }

    @Override
    BaseProtocol protocol() {
        return protocol;
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        Object value;
        try {
            value = switch (name) {
                case "peername" -> remote;
                case "sockname" -> datagrams.getLocalAddress();
                case "socket" -> channel;
                default -> null;
            };
        } catch (IOException closed) {
            value = null;
        }
        return value == null ? defaultValue : value;
    }

    @Override
    public String toString() {
        return "<DatagramTransport " + (closing ? "closing " : "") + "peer=" + remote + ">";
    }
}
