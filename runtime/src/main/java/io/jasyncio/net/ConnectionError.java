package io.jasyncio.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

/**
 * A connection failed: asyncio's {@code ConnectionError}, unchecked so that it can be thrown
 * where an {@code @Async} method awaits (and caught there, as {@code ConnectionError}, one of
 * its subclasses, or {@link UncheckedIOException}). The JDK's original exception is the
 * {@linkplain #getCause() cause}.
 */
public class ConnectionError extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public ConnectionError(String message, IOException cause) {
        super(message, cause);
    }

    /**
     * The unchecked form of an I/O error from a channel: a {@link ConnectionResetError},
     * {@link BrokenPipeError} or {@link ConnectionRefusedError} when it says so, a plain
     * {@code ConnectionError} for a closed channel, else an {@link UncheckedIOException}.
     */
    public static UncheckedIOException translate(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof ConnectException || message.contains("Connection refused")) {
            return new ConnectionRefusedError(message, e);
        }
        if (message.contains("reset")) {
            return new ConnectionResetError(message, e);
        }
        if (message.contains("Broken pipe")) {
            return new BrokenPipeError(message, e);
        }
        if (e instanceof ClosedChannelException) {
            return new ConnectionError("the channel is closed", e);
        }
        return new UncheckedIOException(message, e);
    }
}
