package io.jasyncio.net;

import java.net.SocketAddress;

/** A UDP endpoint: asyncio's {@code DatagramTransport}. Called on the loop's thread. */
public interface DatagramTransport extends BaseTransport {
    /**
     * Sends one datagram to {@code addr}, or to the connected peer when {@code addr} is null.
     * What the socket cannot take at once is buffered.
     */
    void sendto(byte[] data, SocketAddress addr);

    /** {@link #sendto(byte[], SocketAddress)} to the connected peer. */
    default void sendto(byte[] data) {
        sendto(data, null);
    }

    /** Bytes buffered and not yet sent. */
    int getWriteBufferSize();
}
