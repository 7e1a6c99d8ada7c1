package io.jasyncio.net;

import java.io.IOException;

/** The peer reset the connection, or it was lost while in use: asyncio's {@code ConnectionResetError}. */
public class ConnectionResetError extends ConnectionError {
    private static final long serialVersionUID = 1L;

    public ConnectionResetError(String message, IOException cause) {
        super(message, cause);
    }

    /** With an {@link IOException} of the same message as the cause, for errors jasyncio detects itself. */
    public ConnectionResetError(String message) {
        this(message, new IOException(message));
    }
}
