package io.jasyncio.net;

import io.jasyncio.Coroutine;

/**
 * What a stream server runs for each connection it accepts, as a task of its own: usually an
 * {@code @Async} method. If it fails, the failure goes to the loop's exception handler and the
 * connection is closed; if it returns, the connection stays as it left it.
 *
 * <pre>{@code
 * @Async Coroutine<Void> echo(StreamReader reader, StreamWriter writer) { ... }
 * Server server = await(Streams.startServer(this::echo, "127.0.0.1", 0));
 * }</pre>
 */
@FunctionalInterface
public interface ConnectionHandler {
    Coroutine<?> handle(StreamReader reader, StreamWriter writer);
}
