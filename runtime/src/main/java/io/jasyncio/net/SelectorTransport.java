package io.jasyncio.net;

import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionContext;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * What the TCP and UDP transports share: asyncio's {@code _SelectorTransport}. How they end:
 * {@link #close()} stops reading and ends the connection once the write buffer is flushed;
 * {@link #abort()} and fatal errors drop the buffer and end it at once; either way the protocol's
 * {@code connectionLost} is called exactly once, through the loop (never inline), and then the
 * channel is closed.
 */
abstract class SelectorTransport implements BaseTransport {
    final EventLoop loop;
    final SelectableChannel channel;
    /** Set by close, abort or a fatal error: reading has stopped and the end is coming. */
    boolean closing;
    /** Set once connectionLost is scheduled: writes are dropped from then on. */
    boolean lost;

    SelectorTransport(EventLoop loop, SelectableChannel channel) {
        this.loop = loop;
        this.channel = channel;
    }

    /** The bytes buffered and not yet sent. */
    abstract int bufferedBytes();

    /** Drops the write buffer (abort, fatal error). */
    abstract void dropWriteBuffer();

    /** The protocol to tell about the end and to name in reports. */
    abstract BaseProtocol protocol();

    /** After the channel is closed: releases what else the connection held. */
    void released() {}

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (bufferedBytes() == 0) {
            lost = true;
            loop.callSoon(() -> connectionLost(null));
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    /**
     * Reports {@code e} (an I/O error only at debug level: a reset connection is routine) and
     * closes the transport at once, passing it to {@code connectionLost}.
     */
    void fatalError(Throwable e, String message) {
        if (e instanceof IOException) {
            if (loop.getDebug()) {
                System.getLogger("io.jasyncio").log(System.Logger.Level.DEBUG, this + ": " + message, e);
            }
        } else {
            loop.callExceptionHandler(ExceptionContext.of(message, e)
                    .with("transport", this)
                    .with("protocol", protocol()));
        }
        forceClose(e instanceof IOException io ? ConnectionError.translate(io) : e);
    }

    /** Ends the connection now: the buffer is dropped, {@code connectionLost(exc)} scheduled. */
    void forceClose(Throwable exc) {
        if (lost) {
            return;
        }
        if (bufferedBytes() > 0) {
            dropWriteBuffer();
            loop.removeWriter(channel);
        }
        if (!closing) {
            closing = true;
            loop.removeReader(channel);
        }
        lost = true;
        loop.callSoon(() -> connectionLost(exc));
    }

    /** The end: tell the protocol, then close the channel and release the rest. */
    void connectionLost(Throwable exc) {
        lost = true;
        try {
            protocol().connectionLost(exc);
        } finally {
            Transports.closeQuietly(channel);
            released();
        }
    }
}
