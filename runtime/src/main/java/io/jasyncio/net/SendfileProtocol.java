package io.jasyncio.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;

/**
 * The protocol a transport has while {@code sendfile} writes a file through it (asyncio's
 * {@code _SendfileFallbackProtocol}): it stands in for the transport's own protocol, with
 * reading paused, so that the file's chunks wait for the transport's buffer to drain instead
 * of filling memory; then {@link #restore()} gives the transport its protocol back.
 */
final class SendfileProtocol implements Protocol {
    private final EventLoop loop;
    private final Transport transport;
    private final Protocol original;
    private final boolean wasReading;
    private Future<Void> writable;
    private Throwable lost;

    SendfileProtocol(EventLoop loop, Transport transport) {
        this.loop = loop;
        this.transport = transport;
        this.original = transport.getProtocol();
        this.wasReading = transport.isReading();
        if (wasReading) {
            transport.pauseReading();
        }
        transport.setProtocol(this);
    }

    /** Waits until the transport takes more data. */
    @Async
    Coroutine<Void> drain() {
        if (transport.isClosing() || lost != null) {
            throw new ConnectionError("Connection closed by peer",
                    new java.io.IOException("connection closed during sendfile", lost));
        }
        if (writable != null) {
            await(writable);
        }
        return result();
    }

    @Override
    public void pauseWriting() {
        if (writable == null) {
            writable = loop.createFuture();
        }
    }

    @Override
    public void resumeWriting() {
        if (writable != null) {
            Future<Void> resumed = writable;
            writable = null;
            resumed.setResult(null);
        }
    }

    @Override
    public void connectionLost(Throwable exc) {
        lost = exc != null ? exc : new java.io.EOFException("connection closed");
        if (writable != null) {
            Future<Void> waiting = writable;
            writable = null;
            waiting.setResult(null); // drain() then reports the loss
        }
        original.connectionLost(exc);
    }

    @Override
    public void dataReceived(byte[] data) {
        original.dataReceived(data); // reading is paused; what was already read goes on
    }

    @Override
    public boolean eofReceived() {
        return original.eofReceived();
    }

    /** Gives the transport its protocol back, reading again if it was. */
    void restore() {
        if (lost == null) {
            transport.setProtocol(original);
            if (wasReading) {
                transport.resumeReading();
            }
        }
    }
}
