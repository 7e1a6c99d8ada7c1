package io.jasyncio.net;

import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionContext;
import java.io.Closeable;

/**
 * What the pipe transports of a {@link Subprocess} share: one pipe of the child process, served
 * by one daemon thread of its own, because a JDK process pipe can only be read or written by
 * blocking. The thread blocks; the loop never does. The thread hands its results to the loop
 * with {@code callSoonThreadsafe}, and everything else, the protocol's callbacks included,
 * happens on the loop's thread.
 *
 * <p>Only the pipe's thread touches the stream, and it closes it when it ends: closing a JDK
 * pipe stream from the loop could wait for that thread's blocked read or write. The loop asks
 * the thread to end with {@link #stop()}, which any thread may call. When the loop is closed
 * under a running pipe, the thread's next hand-over fails and the thread ends quietly.
 */
abstract class PipeTransport implements Transport {
    final EventLoop loop;
    final Thread thread;
    private final Closeable pipe;
    /** Set from any thread: the pipe's thread stops at its next step, dropping what is left. */
    private volatile boolean stopped;
    Protocol protocol;
    /** Loop thread: close() or abort() was called, or the pipe ended. */
    boolean closing;
    private boolean lost;

    PipeTransport(EventLoop loop, Closeable pipe, Protocol protocol, String threadName) {
        this.loop = loop;
        this.pipe = pipe;
        setProtocol(protocol);
        thread = new Thread(this::pump, threadName);
        thread.setDaemon(true);
    }

    /** Tells the protocol that the pipe is connected, then starts the pipe's thread. */
    final void start() {
        protocol.connectionMade(this);
        thread.start();
    }

    /** The body of the pipe's thread: moves the data until the pipe ends or {@link #stopped()}. */
    abstract void pump();

    /** Wakes the pipe's thread if it waits for the loop, so that it sees {@link #stopped()}. */
    abstract void wake();

    /** From any thread: makes the pipe's thread end at its next step. */
    final void stop() {
        stopped = true;
        wake();
    }

    final boolean stopped() {
        return stopped;
    }

    /**
     * From the pipe's thread: runs {@code callback} on the loop's thread. False when the loop
     * is closed: the thread must then end.
     */
    final boolean post(Runnable callback) {
        try {
            loop.callSoonThreadsafe(callback);
            return true;
        } catch (IllegalStateException loopClosed) {
            stopped = true;
            return false;
        }
    }

    /** Tells the protocol that the pipe is done, once; the pipe's thread ends. */
    final void connectionLost(Throwable exc) {
        if (lost) {
            return;
        }
        lost = true;
        closing = true;
        stop();
        protocol.connectionLost(exc);
    }

    /** A protocol callback threw: reports it and ends the pipe with that failure. */
    final void fatalError(Throwable e, String message) {
        loop.callExceptionHandler(ExceptionContext.of(message, e)
                .with("transport", this)
                .with("protocol", protocol));
        connectionLost(e);
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    /** "pipe": the JDK stream (only the pipe's thread may use it). */
    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return "pipe".equals(name) ? pipe : defaultValue;
    }

    @Override
    public void setProtocol(Protocol protocol) {
        if (protocol == null) {
            throw new NullPointerException("protocol");
        }
        this.protocol = protocol;
    }

    @Override
    public Protocol getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + thread.getName() + (lost ? " closed" : closing ? " closing" : "")
                + ">";
    }
}
