package io.jasyncio.net;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The transport a protocol sees on a TLS connection: asyncio's {@code _SSLProtocolTransport}.
 * Writes are encrypted by the {@link SslProtocol} under it, {@code close()} sends close_notify
 * before closing the socket, and half-closes are not supported (TLS has none). The write buffer
 * and its limits are the socket transport's.
 */
final class TlsTransport implements Transport {
    private final SslProtocol ssl;

    TlsTransport(SslProtocol ssl) {
        this.ssl = ssl;
    }

    @Override
    public void write(byte[] data) {
        ssl.write(ByteBuffer.wrap(data));
    }

    @Override
    public void write(ByteBuffer data) {
        ssl.write(data);
    }

    /** @throws UnsupportedOperationException always: TLS cannot half-close */
    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("SSL doesn't support half-closes");
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    /** Sends close_notify once the buffered data is encrypted, then closes the socket. */
    @Override
    public void close() {
        ssl.close();
    }

    @Override
    public void abort() {
        ssl.abort();
    }

    @Override
    public boolean isClosing() {
        return ssl.isClosing();
    }

    @Override
    public void pauseReading() {
        ssl.pauseReading();
    }

    @Override
    public void resumeReading() {
        ssl.resumeReading();
    }

    @Override
    public boolean isReading() {
        return ssl.isReading();
    }

    @Override
    public int getWriteBufferSize() {
        return ssl.getWriteBufferSize();
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        ssl.socket().setWriteBufferLimits(high, low);
    }

    @Override
    public int[] getWriteBufferLimits() {
        return ssl.socket().getWriteBufferLimits();
    }

    @Override
    public void setProtocol(Protocol protocol) {
        ssl.setAppProtocol(protocol);
    }

    @Override
    public Protocol getProtocol() {
        return ssl.appProtocol();
    }

    /**
     * The socket's information, plus "sslcontext" (the {@code SSLContext}), "ssl_object" (the
     * {@code SSLEngine}), "peercert" (the peer's certificate chain, a {@code Certificate[]}
     * starting with its own, or null when the peer sent none) and "cipher" (the cipher suite's
     * name).
     */
    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        Object value = switch (name) {
            case "sslcontext" -> ssl.context();
            case "ssl_object" -> ssl.engine();
            case "peercert" -> peerCertificates(ssl.engine().getSession());
            case "cipher" -> ssl.engine().getSession().getCipherSuite();
            default -> ssl.socket().getExtraInfo(name);
        };
        return value == null ? defaultValue : value;
    }

    private static Object peerCertificates(SSLSession session) {
        try {
            return session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "<TlsTransport " + ssl + ">";
    }
}
