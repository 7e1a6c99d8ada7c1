package io.jasyncio.net;

/**
 * A transport and the protocol attached to it: what {@code createConnection} and
 * {@code createDatagramEndpoint} give, asyncio's {@code (transport, protocol)} pair.
 *
 * @param <T> the transport's type
 * @param <P> the protocol's type
 */
public record Endpoint<T extends BaseTransport, P extends BaseProtocol>(T transport, P protocol) {}
