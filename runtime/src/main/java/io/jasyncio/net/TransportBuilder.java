package io.jasyncio.net;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * Builds the transport of a connected channel and starts it: plain TCP, or TLS layered over
 * it. {@code ready} (when not null) completes once the protocol's {@code connectionMade} has
 * run, or fails if the connection could not be set up (a failed TLS handshake).
 */
@FunctionalInterface
interface TransportBuilder {
    TransportBuilder PLAIN = (loop, channel, protocol, server, ready) -> {
        SocketTransport transport = new SocketTransport(loop, channel, protocol, server);
        transport.start(ready);
        return transport;
    };

    Transport start(EventLoop loop, SocketChannel channel, Protocol protocol, Server server, Future<Void> ready)
            throws IOException;
}
