package io.jasyncio.net;

import java.net.SocketAddress;

/**
 * The callbacks of a UDP endpoint: asyncio's {@code DatagramProtocol}.
 * {@link #connectionMade} comes first, {@link BaseProtocol#connectionLost} last.
 */
public interface DatagramProtocol extends BaseProtocol {
    /** The endpoint is ready. */
    default void connectionMade(DatagramTransport transport) {}

    /** A datagram arrived from {@code addr}; the array is the protocol's to keep. */
    default void datagramReceived(byte[] data, SocketAddress addr) {}

    /** A send or receive failed (for example ICMP port unreachable); the endpoint stays open. */
    default void errorReceived(Exception exc) {}
}
