package io.jasyncio.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.AsyncCloseable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionContext;
import io.jasyncio.Future;
import io.jasyncio.internal.Throwables;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A listening server, as {@link Streams#startServer} and {@link Transports#createServer} return
 * it: asyncio's {@code Server}. Called on the loop's thread.
 *
 * <pre>{@code
 * Server server = await(Streams.startServer(this::echo, "127.0.0.1", 0));
 * int port = server.sockets().get(0).socket().getLocalPort();
 * ...
 * server.close();                 // stop listening; open connections go on
 * await(server.waitClosed());     // until the last of them is closed too
 * }</pre>
 *
 * <p>{@link #close()} stops listening at once (new connections are refused) and leaves the
 * connections already accepted open; {@link #waitClosed()} completes once the server is closed
 * <em>and</em> every connection it accepted is closed (asyncio 3.12's behaviour: 3.11 returned
 * early when called after {@code close()}).
 */
public final class Server implements AsyncCloseable {
    /** Turns an accepted connection into a transport and its protocol. */
    @FunctionalInterface
    interface ConnectionFactory {
        void connectionAccepted(SocketChannel connection, Server server) throws IOException;
    }

    /** How long accepting pauses after the process ran out of file descriptors (asyncio: 1 s). */
    private static final double ACCEPT_RETRY_DELAY = 1.0;

    private final EventLoop loop;
    private final ConnectionFactory connections;
    private final int backlog;
    private List<ServerSocketChannel> sockets;
    private boolean serving;
    private int activeConnections;
    /** The accepted connections still open, for closeClients and abortClients. */
    private final java.util.Set<SocketTransport> clients = new java.util.LinkedHashSet<>();
    private final List<Future<Void>> closedWaiters = new ArrayList<>();
    private Future<Void> servingForever;

    Server(EventLoop loop, List<ServerSocketChannel> sockets, ConnectionFactory connections, int backlog) {
        this.loop = loop;
        this.sockets = List.copyOf(sockets);
        this.connections = connections;
        this.backlog = backlog;
    }

    /** The loop this server runs on. */
    public EventLoop getLoop() {
        return loop;
    }

    /** The listening channels; empty once closed. */
    public List<ServerSocketChannel> sockets() {
        return sockets == null ? List.of() : sockets;
    }

    /** True while it accepts connections. */
    public boolean isServing() {
        return serving;
    }

    /** Starts accepting connections, if not already (servers start serving when created). */
    public void startServing() {
        if (serving || sockets == null) {
            return;
        }
        serving = true;
        for (ServerSocketChannel socket : sockets) {
            watch(socket);
        }
    }

    private void watch(ServerSocketChannel socket) {
        loop.addReader(socket, () -> acceptReady(socket));
    }

    /** Accepts what is pending, up to the backlog at a time, as asyncio does. */
    private void acceptReady(ServerSocketChannel socket) {
        for (int i = 0; i < backlog; i++) {
            SocketChannel connection;
            try {
                connection = socket.accept();
                if (connection == null) {
                    return;
                }
            } catch (IOException e) {
                acceptFailed(socket, e);
                return;
            }
            try {
                connection.configureBlocking(false);
                connections.connectionAccepted(connection, this);
            } catch (IOException e) {
                Transports.closeQuietly(connection);
                loop.callExceptionHandler(ExceptionContext.of("Error setting up an accepted connection", e)
                        .with("socket", connection));
            }
        }
    }

    /**
     * Out of file descriptors (or another transient accept error): report it and stop
     * accepting for a second, instead of spinning on a listening socket that stays ready.
     */
    private void acceptFailed(ServerSocketChannel socket, IOException e) {
        loop.callExceptionHandler(ExceptionContext.of("socket.accept() out of system resource", e)
                .with("socket", socket));
        loop.removeReader(socket);
        loop.callLater(ACCEPT_RETRY_DELAY, () -> {
            if (serving && socket.isOpen()) {
                watch(socket);
            }
        });
    }

    /**
     * Stops listening: the listening channels are closed, new connections are refused, the
     * open ones stay. A pending {@link #serveForever()} ends with a {@code CancelledError}.
     * Idempotent.
     */
    @Override
    public void close() {
        if (sockets == null) {
            return;
        }
        List<ServerSocketChannel> closing = sockets;
        sockets = null;
        serving = false;
        for (ServerSocketChannel socket : closing) {
            // closed first, so that removing its reader releases it at once (see EventLoop.removeReader):
            // until then the kernel would still accept connections on it
            Transports.closeQuietly(socket);
            loop.removeReader(socket);
        }
        if (servingForever != null && !servingForever.done()) {
            servingForever.cancel();
            servingForever = null;
        }
        if (activeConnections == 0) {
            wakeClosedWaiters();
        }
    }

    /**
     * {@link #close()}, then {@link #waitClosed()}: what try-with-resources awaits at the end of
     * a block in an {@code @Async} method (asyncio's {@code async with server}).
     */
    @Async
    @Override
    public Coroutine<Void> aclose() {
        close();
        await(waitClosed());
        return result();
    }

    /** A coroutine that completes once the server is closed and its last connection is gone. */
    @Async
    public Coroutine<Void> waitClosed() {
        if (sockets != null || activeConnections != 0) {
            Future<Void> waiter = loop.createFuture();
            closedWaiters.add(waiter);
            try {
                await(waiter);
            } finally {
                closedWaiters.remove(waiter);
            }
        }
        return result();
    }

    /**
     * A coroutine that serves until cancelled, then closes the server, waits for it to be
     * closed, and ends with the {@code CancelledError}.
     *
     * @throws IllegalStateException (when awaited) if another serveForever is running or the
     *     server is closed
     */
    @Async
    public Coroutine<Void> serveForever() {
        if (servingForever != null) {
            throw new IllegalStateException("server " + this + " is already being awaited on serveForever()");
        }
        if (sockets == null) {
            throw new IllegalStateException("server " + this + " is closed");
        }
        startServing();
        servingForever = loop.createFuture();
        Throwable failure = null;
        try {
            await(servingForever);
        } catch (Throwable woken) {
            failure = woken;
        }
        servingForever = null;
        if (!(failure instanceof CancelledError cancellation)) {
            // Only a cancel ends serving: anything else is a bug to show as it is.
            throw failure != null ? Throwables.sneakyThrow(failure)
                    : new IllegalStateException("serveForever() woken without a cancel");
        }
        close();
        try {
            await(waitClosed());
        } catch (Throwable whileClosing) {
            cancellation.addSuppressed(whileClosing);
        }
        throw cancellation;
    }

    /**
     * Closes every connection the server accepted and still has: asyncio 3.13's
     * {@code close_clients()}. Each transport flushes what it has buffered, then closes; its
     * protocol's {@code connectionLost} follows. Closing the server's listening sockets is
     * {@link #close()}'s job.
     */
    public void closeClients() {
        for (SocketTransport client : new ArrayList<>(clients)) {
            client.close();
        }
    }

    /**
     * Aborts every connection the server accepted and still has, dropping what they buffered:
     * asyncio 3.13's {@code abort_clients()}.
     */
    public void abortClients() {
        for (SocketTransport client : new ArrayList<>(clients)) {
            client.abort();
        }
    }

    void attach(SocketTransport client) {
        clients.add(client);
        activeConnections++;
    }

    void detach(SocketTransport client) {
        clients.remove(client);
        activeConnections--;
        if (activeConnections == 0 && sockets == null) {
            wakeClosedWaiters();
        }
    }

    private void wakeClosedWaiters() {
        for (Future<Void> waiter : closedWaiters) {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        }
        closedWaiters.clear();
    }

    @Override
    public String toString() {
        return "<Server sockets=" + sockets() + (serving ? " serving" : "") + " connections=" + activeConnections + ">";
    }
}
