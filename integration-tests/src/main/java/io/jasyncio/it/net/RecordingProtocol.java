package io.jasyncio.it.net;

import io.jasyncio.Asyncio;
import io.jasyncio.Future;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.Transport;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A protocol that logs its callbacks in order ("made", "data", "eof", "pause", "resume",
 * "lost &lt;exception or null&gt;"), keeps what it received, and completes {@link #lost} when
 * the connection is gone. Consecutive "data" entries are logged once, so the log does not
 * depend on how the bytes were split.
 */
public class RecordingProtocol implements Protocol {
    public final List<String> log = new ArrayList<>();
    public final ByteArrayOutputStream received = new ByteArrayOutputStream();
    public final Future<Transport> made = Asyncio.getRunningLoop().createFuture();
    public final Future<Throwable> lost = Asyncio.getRunningLoop().createFuture();
    public Transport transport;
    /** The transport's write buffer size when {@link #resumeWriting()} was called; -1 before. */
    public int bufferAtResume = -1;
    private int expected = -1;
    private Future<Void> arrived;

    /** A future completed once {@code n} bytes in all have been received. */
    public Future<Void> expect(int n) {
        expected = n;
        arrived = Asyncio.getRunningLoop().createFuture();
        checkArrived();
        return arrived;
    }

    private void checkArrived() {
        if (arrived != null && !arrived.done() && received.size() >= expected) {
            arrived.setResult(null);
        }
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        log.add("made");
        made.setResult(transport);
    }

    @Override
    public void dataReceived(byte[] data) {
        if (log.isEmpty() || !log.get(log.size() - 1).equals("data")) {
            log.add("data");
        }
        received.writeBytes(data);
        checkArrived();
    }

    @Override
    public boolean eofReceived() {
        log.add("eof");
        return false;
    }

    @Override
    public void pauseWriting() {
        log.add("pause");
    }

    @Override
    public void resumeWriting() {
        log.add("resume");
        bufferAtResume = transport.getWriteBufferSize();
    }

    @Override
    public void connectionLost(Throwable exc) {
        log.add("lost " + (exc == null ? null : exc.getClass().getSimpleName()));
        lost.setResult(exc);
    }
}
