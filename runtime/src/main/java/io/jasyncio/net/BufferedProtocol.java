package io.jasyncio.net;

import java.nio.ByteBuffer;

/**
 * A stream protocol that lends the transport its own buffer to read into, so received bytes are
 * copied once, from the socket into the protocol's buffer: asyncio's {@code BufferedProtocol}.
 *
 * <p>The transport calls {@link #getBuffer(int)}, reads into the returned buffer's remaining
 * space, then calls {@link #bufferUpdated(int)} with the number of bytes it wrote there. Code
 * that only has the bytes (a TLS layer, a test) may still call {@link #dataReceived(byte[])}: it
 * goes through the same two methods.
 */
public interface BufferedProtocol extends Protocol {
    /**
     * A buffer with room to read into, from its position to its limit.
     *
     * @param sizeHint how many bytes the transport would like room for; -1 when it has no idea
     */
    ByteBuffer getBuffer(int sizeHint);

    /** {@code nbytes} bytes were written into the buffer {@link #getBuffer} returned, at its position. */
    void bufferUpdated(int nbytes);

    /** Feeds {@code data} through {@link #getBuffer} and {@link #bufferUpdated}. */
    @Override
    default void dataReceived(byte[] data) {
        int offset = 0;
        while (offset < data.length) {
            ByteBuffer buffer = getBuffer(data.length - offset);
            int n = Math.min(buffer.remaining(), data.length - offset);
            if (n <= 0) {
                throw new IllegalStateException("getBuffer() returned a buffer with no room: " + buffer);
            }
            buffer.put(buffer.position(), data, offset, n);
            bufferUpdated(n);
            offset += n;
        }
    }
}
