package io.jasyncio.net;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionContext;
import io.jasyncio.Future;
import io.jasyncio.Task;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The protocol between a transport and a {@link StreamReader}/{@link StreamWriter} pair:
 * asyncio's {@code StreamReaderProtocol} with its {@code FlowControlMixin}. Received bytes go
 * straight into the reader's buffer; pause/resume writing becomes {@code drain()}'s wait; the
 * end of the connection becomes the reader's end of stream (or error) and the writer's
 * {@code waitClosed()}. On the server side it starts the {@link ConnectionHandler} as a task.
 */
final class StreamReaderProtocol implements BufferedProtocol {
    private final EventLoop loop;
    private final StreamReader reader;
    private final ConnectionHandler handler;
    private final Future<Void> closed;
    private final ArrayDeque<Future<Void>> drainWaiters = new ArrayDeque<>(1);
    private Future<Void> drained;
    private Transport transport;
    private StreamWriter writer;
    private boolean writingPaused;
    private boolean connectionLost;
    private boolean overTls;

    /** {@code reader} is null for a pipe that is only written to (a subprocess's stdin). */
    StreamReaderProtocol(EventLoop loop, StreamReader reader, ConnectionHandler handler) {
        this.loop = loop;
        this.reader = reader;
        this.handler = handler;
        this.closed = loop.createFuture();
    }

    /** Whether this protocol serves a connection a server accepted (it has a handler). */
    boolean isServerSide() {
        return handler != null;
    }

    EventLoop loop() {
        return loop;
    }

    /** After a TLS upgrade: the reader and this protocol use the new transport from now on. */
    void replaceTransport(Transport upgraded) {
        this.transport = upgraded;
        if (reader != null) {
            reader.replaceTransport(upgraded);
        }
        overTls = true;
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        if (reader != null) {
            reader.setTransport(transport);
        }
        overTls = transport.getExtraInfo("sslcontext") != null;
        if (handler != null) {
            writer = new StreamWriter(transport, this, reader);
            Coroutine<?> connected = handler.handle(reader, writer);
            Task<?> task = loop.createTask(connected);
            task.addDoneCallback(this::handlerDone);
        }
    }

    /**
     * The server's handler ended. A failure is reported and closes the connection (asyncio
     * 3.12; a cancelled handler, as at shutdown, is not a failure: 3.11 logged it by mistake).
     */
    private void handlerDone(Future<?> task) {
        if (task.cancelled()) {
            // Closed quietly, as asyncio 3.12 does: nothing else would ever close it, and the
            // server's waitClosed() would wait for it forever.
            transport.close();
            return;
        }
        Throwable failure = task.exception();
        if (failure != null) {
            loop.callExceptionHandler(ExceptionContext.of("Unhandled exception in client_connected_cb", failure)
                    .with("transport", transport));
            transport.close();
        }
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        return reader.bufferForRead(sizeHint);
    }

    @Override
    public void bufferUpdated(int nbytes) {
        reader.dataAdded(nbytes);
    }

    @Override
    public boolean eofReceived() {
        reader.feedEof();
        // keep the writing side open for a half-close, except over TLS, which cannot half-close
        return !overTls;
    }

    @Override
    public void connectionLost(Throwable exc) {
        connectionLost = true;
        if (exc == null) {
            if (reader != null) {
                reader.feedEof();
            }
            closed.setResult(null);
        } else {
            RuntimeException error = exc instanceof RuntimeException runtime
                    ? runtime : new ConnectionResetError("Connection lost: " + exc);
            if (reader != null) {
                reader.setException(error);
            }
            closed.setException(error);
            closed.exception(); // retrieved: nobody need await waitClosed() to silence it
        }
        Future<Void> waiter;
        while ((waiter = drainWaiters.pollFirst()) != null) {
            if (!waiter.done()) {
                if (exc == null) {
                    waiter.setResult(null);
                } else {
                    waiter.setException(exc);
                }
            }
        }
    }

    @Override
    public void pauseWriting() {
        writingPaused = true;
    }

    @Override
    public void resumeWriting() {
        writingPaused = false;
        Future<Void> waiter;
        while ((waiter = drainWaiters.pollFirst()) != null) {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        }
    }

    /**
     * What {@code drain()} awaits: a done future (one per connection, reused) while writing is
     * not paused, else a new future that resumeWriting or connectionLost completes.
     *
     * @throws ConnectionResetError once the connection is lost
     */
    Future<Void> drainHelper() {
        if (connectionLost) {
            throw new ConnectionResetError("Connection lost");
        }
        if (!writingPaused) {
            if (drained == null) {
                drained = loop.createFuture();
                drained.setResult(null);
            }
            return drained;
        }
        Future<Void> waiter = loop.createFuture();
        drainWaiters.addLast(waiter);
        return waiter;
    }

    Future<Void> closed() {
        return closed;
    }

    StreamReader reader() {
        return reader;
    }
}
