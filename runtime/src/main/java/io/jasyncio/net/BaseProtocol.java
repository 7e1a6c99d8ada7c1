package io.jasyncio.net;

/**
 * The callbacks every protocol has, whatever its transport: asyncio's {@code BaseProtocol}.
 * The transport calls them on the loop's thread; each has a default that does nothing.
 *
 * <p>Flow control: when the transport's write buffer grows above its high-water mark it calls
 * {@link #pauseWriting()}, and when it drains to the low-water mark, {@link #resumeWriting()};
 * the calls alternate, starting with a pause.
 */
public interface BaseProtocol {
    /**
     * The connection is closed: called exactly once, last. {@code exc} is null for a regular
     * end of file or {@code close()}, else the error that ended the connection.
     */
    default void connectionLost(Throwable exc) {}

    /** The transport's write buffer went over the high-water mark: stop writing. */
    default void pauseWriting() {}

    /** The transport's write buffer drained to the low-water mark: writing may go on. */
    default void resumeWriting() {}
}
