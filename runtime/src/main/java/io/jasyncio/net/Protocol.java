package io.jasyncio.net;

/**
 * A stream protocol: the callbacks of one connection, asyncio's {@code Protocol}. They come in
 * a strict order: {@link #connectionMade} once, then {@link #dataReceived} any number of times,
 * then optionally {@link #eofReceived}, then {@link BaseProtocol#connectionLost} once.
 *
 * <pre>{@code
 * final class Echo implements Protocol {
 *     private Transport transport;
 *     public void connectionMade(Transport transport) { this.transport = transport; }
 *     public void dataReceived(byte[] data) { transport.write(data); }
 * }
 * Server server = loop.createServer(Echo::new, "127.0.0.1", 0) ...
 * }</pre>
 *
 * An exception escaping a callback is a fatal error for the connection: it is reported to the
 * loop's exception handler and the transport is aborted.
 */
public interface Protocol extends BaseProtocol {
    /** The connection is up; reading starts when this returns. */
    default void connectionMade(Transport transport) {}

    /** Bytes arrived; the array is the protocol's to keep. */
    default void dataReceived(byte[] data) {}

    /**
     * The peer closed its writing side. Return true to keep this side open (a half-closed
     * connection that can still be written to); false closes the transport.
     */
    default boolean eofReceived() {
        return false;
    }
}
