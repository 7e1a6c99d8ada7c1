package io.jasyncio.net;

import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionContext;
import io.jasyncio.Future;
import io.jasyncio.TimerHandle;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * TLS between a socket transport and the application's protocol: asyncio's
 * {@code sslproto.SSLProtocol}, on a {@link SSLEngine} instead of OpenSSL's memory BIOs.
 *
 * <h2>How it works</h2>
 * This object is the {@link SocketTransport}'s protocol: encrypted bytes arrive through
 * {@link #getBuffer}/{@link #bufferUpdated} into {@code netIn}, and encrypted bytes leave through
 * the socket transport's {@code write}. The application sees a {@link TlsTransport}, which calls
 * back into this class.
 *
 * <p>Everything the engine does is driven by one loop, {@link #pump()}: it asks the engine what
 * it needs ({@link SSLEngine#getHandshakeStatus()}) and does it (run a delegated task, wrap
 * handshake or alert bytes and send them, unwrap what arrived) until the engine waits for the
 * peer. It runs when bytes arrive, when the socket connects (the client's first flight), when
 * the application resumes reading, and after the application's {@code close()}. The application's
 * {@code write} wraps its data at once when the engine can take it; data written while the
 * engine cannot (in a renegotiation) waits in {@code pendingWrites} until a later pump. A pump
 * started while one runs (the application calling {@code close()} from {@code dataReceived})
 * returns at once: the running one re-reads the state on its next step.
 *
 * <p>States, as asyncio's: {@code HANDSHAKING} until the engine reports the handshake done, then
 * the application's {@code connectionMade} and {@code ready}'s result; {@code WRAPPED} carries
 * application data both ways; {@code SHUTDOWN} after close() or the peer's close_notify, once
 * this side's close_notify is queued: incoming data is discarded until the peer's close_notify,
 * then the socket is closed (or aborted after {@link #SHUTDOWN_TIMEOUT} seconds); {@code CLOSED} once
 * the socket is closing or failed, where nothing more happens but its {@code connectionLost},
 * which reaches the application's protocol if it was told {@code connectionMade}.
 *
 * <p>End of stream: the peer's close_notify is the application's {@code eofReceived} (its
 * return value is ignored: TLS cannot half-close) and this side answers with its own
 * close_notify; a TCP end of file without close_notify is also an end of stream, as asyncio
 * treats it. Errors: an {@link SSLException} (a failed handshake, a bad record) sends the alert
 * the engine queued, if the socket takes it at once, and aborts the socket; the error goes to
 * {@code ready} and to the application's {@code connectionLost}.
 *
 * <p>Delegated tasks (certificate checks, key agreement) run inline on the loop's thread, as
 * OpenSSL's handshake does under asyncio: they take a millisecond or so, less than a round trip
 * to the executor would save. Buffers: {@code netIn} holds what was read and not yet unwrapped
 * (a partial record at most, or what waits while the application paused reading); wrapping
 * goes into a per-thread buffer that the socket transport copies what it cannot send from, and
 * unwrapping goes straight into the application's buffer when it is a {@link BufferedProtocol}
 * (such as the streams' protocol), else into a per-thread buffer copied into the array given
 * to {@code dataReceived}. Flow control passes through: the socket transport's
 * pause/resumeWriting goes to the application's protocol, the application's pause/resumeReading
 * to the socket transport.
 */
final class SslProtocol implements BufferedProtocol {
    /** asyncio's ssl_shutdown_timeout default: how long close() waits for the peer's close_notify, in seconds. */
    private static final double SHUTDOWN_TIMEOUT = 30.0;
    /** How many records one wrap batch may hold before it is handed to the socket transport. */
    private static final int RECORDS_PER_WRITE = 4;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Every connection of a loop runs on its thread, and neither buffer is kept across calls. */
    private static final ThreadLocal<ByteBuffer> WRAP_BUFFER = ThreadLocal.withInitial(() -> EMPTY);
    private static final ThreadLocal<ByteBuffer> UNWRAP_BUFFER = ThreadLocal.withInitial(() -> EMPTY);

    private enum State { HANDSHAKING, WRAPPED, SHUTDOWN, CLOSED }

    private final EventLoop loop;
    private final SSLContext context;
    private final SSLEngine engine;
    private final Future<Void> ready;
    private final double handshakeTimeout;
    private final TlsTransport appTransport;
    private Protocol app;
    private BufferedProtocol bufferedApp;
    private Transport socket;
    private State state = State.HANDSHAKING;
    /** Set once the application's connectionMade was called: it is owed a connectionLost. */
    private boolean appConnected;
    /** False when TLS starts on a connection the application's protocol already saw made (startTls). */
    private boolean callConnectionMade = true;
    private boolean appWritingPaused;
    private boolean appReadingPaused;
    private boolean closeRequested;
    private boolean pumping;
    private boolean pumpScheduled;
    /** What ended the connection, for connectionLost, when the socket was aborted for it. */
    private Throwable failure;
    /** The handshake's timeout, then the shutdown's. */
    private TimerHandle timer;

    /** Bytes read and not yet unwrapped: {@code [0, netInEnd)}. */
    private ByteBuffer netIn;
    private int netInEnd;
    /** Room asked for a batch of wrapped records, and for unwrapped data; both grow on BUFFER_OVERFLOW. */
    private int recordRoom;
    private int appRoom;
    private final ArrayDeque<ByteBuffer> pendingWrites = new ArrayDeque<>(0);

    SslProtocol(EventLoop loop, SSLContext context, SSLEngine engine, Protocol app, Future<Void> ready,
            double handshakeTimeout) {
        this.loop = loop;
        this.context = context;
        this.engine = engine;
        this.ready = ready;
        this.handshakeTimeout = handshakeTimeout;
        this.appTransport = new TlsTransport(this);
        setAppProtocol(app);
        this.netIn = ByteBuffer.allocate(2 * engine.getSession().getPacketBufferSize());
    }

    /**
     * Layers this protocol over {@code plain}, a connection already made (asyncio's
     * {@code start_tls}): the application's protocol is not told of a connection again. The
     * caller sets this protocol on {@code plain} and calls {@link #connectionMade}.
     */
    TlsTransport upgrade(Transport plain) {
        this.socket = plain;
        this.callConnectionMade = false;
        return appTransport;
    }

    /** Attaches the socket transport made with this protocol and starts it. */
    TlsTransport start(SocketTransport socket) {
        this.socket = socket;
        socket.start(null);
        return appTransport;
    }

    // ---- the socket transport's side -------------------------------------------------------

    @Override
    public void connectionMade(Transport transport) {
        if (state == State.CLOSED) {
            return; // aborted before it started
        }
        timer = loop.callLater(handshakeTimeout, () -> {
            if (state == State.HANDSHAKING) {
                fail(timeout("SSL handshake is taking longer than " + handshakeTimeout
                        + " seconds: aborting the connection"));
            }
        });
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            fail(e);
            return;
        }
        run();
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        return netIn.limit(netIn.capacity()).position(netInEnd);
    }

    @Override
    public void bufferUpdated(int nbytes) {
        netInEnd += nbytes;
        run();
    }

    /** TCP end of file: the end of the stream (asyncio does not insist on a close_notify). */
    @Override
    public boolean eofReceived() {
        if (state == State.HANDSHAKING) {
            failure = new ConnectionResetError("Connection lost during the SSL handshake");
        } else if (state == State.WRAPPED) {
            appEofReceived();
        }
        cancelTimer();
        state = State.CLOSED;
        return false;
    }

    @Override
    public void connectionLost(Throwable exc) {
        cancelTimer();
        state = State.CLOSED;
        Throwable cause = exc != null ? exc : failure;
        if (ready != null && !ready.done()) {
            ready.setException(cause != null ? cause : new ConnectionResetError("Connection lost during the SSL handshake"));
        }
        if (appConnected) {
            appConnected = false;
            app.connectionLost(cause);
        }
    }

    @Override
    public void pauseWriting() {
        if (appConnected && !appWritingPaused) {
            appWritingPaused = true;
            app.pauseWriting();
        }
    }

    @Override
    public void resumeWriting() {
        if (appWritingPaused) {
            appWritingPaused = false;
            app.resumeWriting();
        }
    }

    // ---- the engine ------------------------------------------------------------------------

    /** The pump, with its failures turned into the end of the connection. */
    private void run() {
        if (pumping || state == State.CLOSED) {
            return;
        }
        pumping = true;
        try {
            pump();
        } catch (SSLException e) {
            fail(e);
        } catch (RuntimeException | Error e) {
            loop.callExceptionHandler(ExceptionContext.of("Fatal error on SSL protocol", e)
                    .with("transport", appTransport)
                    .with("protocol", app));
            fail(e);
        } finally {
            pumping = false;
        }
    }

    private void schedulePump() {
        if (!pumpScheduled) {
            pumpScheduled = true;
            loop.callSoon(() -> {
                pumpScheduled = false;
                run();
            });
        }
    }

    /** Steps the engine until it waits for the peer; closes the socket once both close_notify are through. */
    private void pump() throws SSLException {
        while (state != State.CLOSED && step()) {
            // each step re-reads the state: the application may have closed or aborted meanwhile
        }
        if (state == State.SHUTDOWN && engine.isInboundDone() && engine.isOutboundDone()) {
            cancelTimer();
            state = State.CLOSED;
            socket.close();
        }
    }

    /** Does what the engine needs next; false when nothing can be done before the peer sends more. */
    private boolean step() throws SSLException {
        switch (engine.getHandshakeStatus()) {
            case NEED_TASK:
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                return true;
            case NEED_WRAP:
                return wrap(EMPTY);
            case NEED_UNWRAP:
            case NEED_UNWRAP_AGAIN:
                return unwrap();
            default: // NOT_HANDSHAKING: getHandshakeStatus() never says FINISHED
                if (state == State.HANDSHAKING) {
                    handshakeDone();
                    return true;
                }
                if (state == State.WRAPPED && !pendingWrites.isEmpty() && flushPendingWrites()) {
                    return true;
                }
                if (state == State.WRAPPED && closeRequested && pendingWrites.isEmpty()) {
                    startShutdown();
                    return true;
                }
                return unwrap();
        }
    }

    private void handshakeDone() {
        cancelTimer();
        state = State.WRAPPED;
        appConnected = true;
        if (callConnectionMade) {
            app.connectionMade(appTransport);
        }
        if (ready != null && !ready.done()) {
            ready.setResult(null);
        }
    }

    /**
     * Wraps {@code src} (handshake, alert and close_notify bytes when it is empty), a few
     * records at a time, and sends them.
     *
     * @return whether the engine consumed or produced anything
     */
    private boolean wrap(ByteBuffer src) throws SSLException {
        recordRoom = Math.max(recordRoom, engine.getSession().getPacketBufferSize());
        ByteBuffer out = threadBuffer(WRAP_BUFFER, RECORDS_PER_WRITE * recordRoom);
        SSLEngineResult result;
        boolean progress = false;
        do {
            result = engine.wrap(src, out);
            progress |= result.bytesConsumed() > 0 || result.bytesProduced() > 0;
        } while (result.getStatus() == Status.OK && src.hasRemaining() && out.remaining() >= recordRoom
                && result.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING);
        if (out.position() > 0) {
            socket.write(out.flip()); // copies what it cannot send now: the buffer is free again
        }
        if (result.getStatus() == Status.BUFFER_OVERFLOW) {
            recordRoom *= 2; // a record larger than the session said: try again with more room
            return true;
        }
        return progress;
    }

    /**
     * Unwraps what {@code netIn} holds, as many records as the destination takes, and passes
     * application data on (in {@code WRAPPED}; in {@code SHUTDOWN} it is discarded).
     *
     * @return whether the engine consumed or produced anything
     */
    private boolean unwrap() throws SSLException {
        if (netInEnd == 0 || engine.isInboundDone() || (state == State.WRAPPED && appReadingPaused)) {
            return false;
        }
        appRoom = Math.max(appRoom, engine.getSession().getApplicationBufferSize());
        int needed = appRoom;
        ByteBuffer dst = null;
        if (state == State.WRAPPED && bufferedApp != null) {
            ByteBuffer lent = bufferedApp.getBuffer(needed);
            dst = lent.remaining() >= needed ? lent : null;
        }
        boolean intoApp = dst != null;
        if (!intoApp) {
            dst = threadBuffer(UNWRAP_BUFFER, needed);
        }
        int start = dst.position();
        netIn.limit(netInEnd).position(0);
        SSLEngineResult result;
        boolean consumed = false;
        try {
            do {
                result = engine.unwrap(netIn, dst);
                consumed |= result.bytesConsumed() > 0;
            } while (result.getStatus() == Status.OK && netIn.hasRemaining() && dst.remaining() >= needed
                    && result.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING);
        } finally {
            netIn.compact();
            netInEnd = netIn.position();
        }
        if (result.getStatus() == Status.BUFFER_UNDERFLOW && netIn.capacity() < engine.getSession().getPacketBufferSize()) {
            netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize()).put(netIn.flip());
            consumed = true; // try again with room for the whole record
        }
        int produced = dst.position() - start;
        if (produced > 0 && state == State.WRAPPED) {
            if (intoApp) {
                bufferedApp.bufferUpdated(produced);
            } else {
                app.dataReceived(Arrays.copyOfRange(dst.array(), start, start + produced));
            }
        }
        if (result.getStatus() == Status.CLOSED && state == State.WRAPPED) {
            appEofReceived();
            startShutdown();
        }
        if (result.getStatus() == Status.BUFFER_OVERFLOW && produced == 0) {
            appRoom *= 2; // more plaintext than the session said: try again with more room
            return true;
        }
        return consumed || produced > 0;
    }

    /** A cleared per-thread buffer of at least {@code size} bytes. */
    private static ByteBuffer threadBuffer(ThreadLocal<ByteBuffer> local, int size) {
        ByteBuffer buffer = local.get();
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocate(size);
            local.set(buffer);
        }
        return buffer.clear();
    }

    /** Queues this side's close_notify; the pump sends it, then waits for the peer's. */
    private void startShutdown() {
        state = State.SHUTDOWN;
        engine.closeOutbound();
        cancelTimer();
        timer = loop.callLater(SHUTDOWN_TIMEOUT, () -> {
            if (state == State.SHUTDOWN) {
                fail(timeout("SSL shutdown timed out"));
            }
        });
        if (appReadingPaused) {
            appReadingPaused = false; // the peer's close_notify must get through
            socket.resumeReading();
        }
    }

    private void appEofReceived() {
        if (app.eofReceived() && loop.getDebug()) {
            System.getLogger("io.jasyncio").log(System.Logger.Level.WARNING,
                    "returning true from eofReceived() has no effect when using ssl");
        }
    }

    /**
     * Ends the connection with {@code error}: sends the alert the engine may have queued, as far
     * as the socket takes it at once, and aborts the socket; {@code connectionLost} passes the
     * error on. Only failures of the application's own callbacks were reported: like a socket
     * error, a TLS error is the peer's business, logged in debug mode.
     */
    private void fail(Throwable error) {
        if (state == State.CLOSED) {
            return;
        }
        cancelTimer();
        state = State.CLOSED;
        failure = error instanceof SSLException ssl ? ConnectionError.translate(ssl) : error;
        if (loop.getDebug()) {
            System.getLogger("io.jasyncio").log(System.Logger.Level.DEBUG, this + ": SSL error", error);
        }
        try {
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && wrap(EMPTY)) {
                // the alert
            }
        } catch (SSLException | RuntimeException e) {
            // the engine has nothing more to say
        }
        socket.abort();
    }

    private static ConnectionError timeout(String message) {
        return new ConnectionError(message, new SocketTimeoutException(message));
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    // ---- the application's side, through TlsTransport ----------------------------------------

    void write(ByteBuffer data) {
        if (!data.hasRemaining() || state != State.WRAPPED || closeRequested) {
            return; // as asyncio: after close(), or once the connection is gone, writes are dropped
        }
        if (pendingWrites.isEmpty()) {
            try {
                wrapAll(data);
            } catch (SSLException e) {
                fail(e);
                return;
            }
            if (engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
                schedulePump();
            }
            if (!data.hasRemaining()) {
                return;
            }
        }
        pendingWrites.addLast(ByteBuffer.allocate(data.remaining()).put(data).flip());
    }

    /** Wraps {@code src} until it is consumed or the engine cannot take more now (in a handshake). */
    private void wrapAll(ByteBuffer src) throws SSLException {
        while (src.hasRemaining() && wrap(src)) {
            // next batch
        }
    }

    private boolean flushPendingWrites() throws SSLException {
        boolean progress = false;
        ByteBuffer head;
        while ((head = pendingWrites.peekFirst()) != null) {
            int before = head.remaining();
            wrapAll(head);
            progress |= head.remaining() < before;
            if (head.hasRemaining()) {
                break;
            }
            pendingWrites.pollFirst();
        }
        return progress;
    }

    /** asyncio's _start_shutdown: the application's data is sent, then close_notify, then the socket closes. */
    void close() {
        if (closeRequested || state == State.CLOSED) {
            return;
        }
        closeRequested = true;
        if (state == State.HANDSHAKING) {
            abort();
            return;
        }
        run();
    }

    void abort() {
        closeRequested = true;
        cancelTimer();
        state = State.CLOSED;
        socket.abort();
    }

    boolean isClosing() {
        return closeRequested || state == State.SHUTDOWN || state == State.CLOSED;
    }

    void pauseReading() {
        if (state != State.WRAPPED || closeRequested || appReadingPaused) {
            return;
        }
        appReadingPaused = true;
        socket.pauseReading();
    }

    void resumeReading() {
        if (!appReadingPaused) {
            return;
        }
        appReadingPaused = false;
        socket.resumeReading();
        schedulePump(); // records already read wait in netIn
    }

    boolean isReading() {
        return state == State.WRAPPED && !closeRequested && !appReadingPaused;
    }

    int getWriteBufferSize() {
        int size = socket.getWriteBufferSize();
        for (ByteBuffer pending : pendingWrites) {
            size += pending.remaining();
        }
        return size;
    }

    void setAppProtocol(Protocol protocol) {
        if (protocol == null) {
            throw new NullPointerException("protocol");
        }
        app = protocol;
        bufferedApp = protocol instanceof BufferedProtocol buffered ? buffered : null;
    }

    Protocol appProtocol() {
        return app;
    }

    Transport socket() {
        return socket;
    }

    SSLContext context() {
        return context;
    }

    SSLEngine engine() {
        return engine;
    }

    @Override
    public String toString() {
        return "<SslProtocol " + state + (closeRequested ? " closing" : "") + " socket=" + socket + ">";
    }
}
