package io.jasyncio.net;

import java.nio.ByteBuffer;

/**
 * A bidirectional stream connection: asyncio's {@code Transport}. Writes never block: what the
 * socket cannot take at once is buffered and sent when it can; a buffer over the high-water
 * mark pauses the protocol's writing ({@link BaseProtocol#pauseWriting()}). Every method is
 * called on the loop's thread.
 */
public interface Transport extends BaseTransport {
    /** Queues {@code data} for sending; the transport copies what it cannot send at once. */
    void write(byte[] data);

    /** Queues the buffer's remaining bytes for sending, consuming them. */
    void write(ByteBuffer data);

    /** Writes each array in turn. */
    default void writelines(Iterable<byte[]> lines) {
        for (byte[] line : lines) {
            write(line);
        }
    }

    /**
     * Closes the writing side once the buffered data is sent (a half-close: the peer reads end
     * of file, and this side can still read). Later writes throw.
     */
    void writeEof();

    /** Whether {@link #writeEof()} is supported. */
    boolean canWriteEof();

    /** Stops calling the protocol's {@code dataReceived} until {@link #resumeReading()}. */
    void pauseReading();

    /** Undoes {@link #pauseReading()}. */
    void resumeReading();

    /** True unless reading is paused or the transport is closing. */
    boolean isReading();

    /** Bytes buffered and not yet sent. */
    int getWriteBufferSize();

    /**
     * Sets the write buffer's water marks (defaults 64 KiB and a quarter of high).
     *
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     */
    void setWriteBufferLimits(int high, int low);

    /** {@code {low, high}}. */
    int[] getWriteBufferLimits();

    /** Replaces the protocol that receives this transport's callbacks. */
    void setProtocol(Protocol protocol);

    Protocol getProtocol();
}
