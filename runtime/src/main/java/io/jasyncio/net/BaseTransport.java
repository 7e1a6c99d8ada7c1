package io.jasyncio.net;

/**
 * What every transport offers: asyncio's {@code BaseTransport}. Called on the loop's thread.
 */
public interface BaseTransport {
    /**
     * Closes the transport: reading stops at once; buffered data is still sent, then the
     * protocol's {@code connectionLost(null)} is called (through the loop, never inline).
     * Idempotent.
     */
    void close();

    /** Closes at once, dropping buffered data; the protocol's {@code connectionLost(null)} follows. */
    void abort();

    /** True once {@link #close()} or {@link #abort()} was called or the connection was lost. */
    boolean isClosing();

    /**
     * Information about the transport: "peername" and "sockname" (a {@code SocketAddress}),
     * "socket" (the channel); TLS transports add "sslcontext", "ssl_object" (the
     * {@code SSLEngine}), "peercert" and "cipher". Null when unknown.
     */
    default Object getExtraInfo(String name) {
        return getExtraInfo(name, null);
    }

    /** {@link #getExtraInfo(String)}, or {@code defaultValue} when unknown. */
    Object getExtraInfo(String name, Object defaultValue);
}
