package io.jasyncio.net;

import java.io.IOException;

/** Writing to a connection the peer has closed: asyncio's {@code BrokenPipeError}. */
public class BrokenPipeError extends ConnectionError {
    private static final long serialVersionUID = 1L;

    public BrokenPipeError(String message, IOException cause) {
        super(message, cause);
    }

    /** With an {@link IOException} of the same message as the cause, for errors jasyncio detects itself. */
    public BrokenPipeError(String message) {
        this(message, new IOException(message));
    }
}
