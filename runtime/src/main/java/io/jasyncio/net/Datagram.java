package io.jasyncio.net;

import java.net.SocketAddress;

/**
 * One datagram as {@link io.jasyncio.EventLoop#sockRecvfrom} returns it: its bytes and the
 * address it came from (asyncio's {@code (data, address)} pair).
 */
public record Datagram(byte[] data, SocketAddress address) {}
