package io.jasyncio.net;

import java.io.IOException;

/** Nothing listens where a connection was attempted: asyncio's {@code ConnectionRefusedError}. */
public class ConnectionRefusedError extends ConnectionError {
    private static final long serialVersionUID = 1L;

    public ConnectionRefusedError(String message, IOException cause) {
        super(message, cause);
    }

    /** With an {@link IOException} of the same message as the cause, for errors jasyncio detects itself. */
    public ConnectionRefusedError(String message) {
        this(message, new IOException(message));
    }
}
