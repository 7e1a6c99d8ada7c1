package io.jasyncio.net;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Builds TLS connections: a {@link SocketTransport} whose protocol is an {@link SslProtocol},
 * which runs an {@link SSLEngine} and presents a {@link TlsTransport} to the application's
 * protocol once the handshake is done. One builder serves every connection of a server, or the
 * one connection of a client.
 */
final class TlsTransportBuilder implements TransportBuilder {
    /** asyncio's ssl_handshake_timeout default, in seconds. */
    static final double HANDSHAKE_TIMEOUT = 60.0;

    private final SSLContext context;
    /** For a client: the name the server is verified against, null for none; for a server: null. */
    private final String peerHost;
    private final int peerPort;
    private final boolean client;
    private final boolean verifyHostname;
    private final double handshakeTimeout;

    private TlsTransportBuilder(SSLContext context, boolean client, String peerHost, int peerPort, boolean verifyHostname,
            double handshakeTimeout) {
        this.context = Objects.requireNonNull(context, "ssl");
        this.client = client;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.verifyHostname = verifyHostname;
        this.handshakeTimeout = handshakeTimeout;
    }

    /**
     * A client's builder. The server's certificate is checked against {@code serverHostname}
     * when given, else against {@code host} when it is a name rather than an address literal
     * (the JDK's "HTTPS" endpoint identification); a name is also sent as SNI.
     */
    static TlsTransportBuilder client(SSLContext context, String host, int port, String serverHostname) {
        boolean verify = serverHostname != null || !Transports.isLiteral(Objects.requireNonNull(host, "host"));
        return new TlsTransportBuilder(context, true, serverHostname != null ? serverHostname : host, port, verify,
                HANDSHAKE_TIMEOUT);
    }

    static TlsTransportBuilder server(SSLContext context) {
        return new TlsTransportBuilder(context, false, null, -1, false, HANDSHAKE_TIMEOUT);
    }

    /** This builder with a handshake timeout other than asyncio's 60 s. */
    TlsTransportBuilder withHandshakeTimeout(double seconds) {
        return new TlsTransportBuilder(context, client, peerHost, peerPort, verifyHostname, seconds);
    }

    @Override
    public Transport start(EventLoop loop, SocketChannel channel, Protocol protocol, Server server, Future<Void> ready)
            throws IOException {
        SslProtocol ssl = new SslProtocol(loop, context, newEngine(), protocol, ready, handshakeTimeout);
        return ssl.start(new SocketTransport(loop, channel, ssl, server));
    }

    /** A TLS protocol of this builder's settings for {@code app}, completing {@code ready} once the handshake is done. */
    SslProtocol protocolFor(EventLoop loop, Protocol app, Future<Void> ready) {
        return new SslProtocol(loop, context, newEngine(), app, ready, handshakeTimeout);
    }

    private SSLEngine newEngine() {
        if (!client) {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            return engine;
        }
        // the peer's name and port also key the client's session cache, for resumption
        SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(true);
        if (verifyHostname) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!Transports.isLiteral(peerHost)) {
                parameters.setServerNames(List.of(new SNIHostName(peerHost)));
            }
            engine.setSSLParameters(parameters);
        }
        return engine;
    }
}
