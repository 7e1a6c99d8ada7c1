package io.jasyncio.net;

/**
 * The two ends of a stream connection, as {@link Streams#openConnection} returns them:
 * asyncio's {@code (reader, writer)} pair.
 */
public record Connection(StreamReader reader, StreamWriter writer) {}
