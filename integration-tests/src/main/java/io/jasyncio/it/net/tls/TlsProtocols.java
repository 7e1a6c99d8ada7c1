package io.jasyncio.it.net.tls;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.result;
import static java.nio.charset.StandardCharsets.US_ASCII;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.net.Endpoint;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.Server;
import io.jasyncio.net.Transport;
import io.jasyncio.net.Transports;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/** TLS through the transport-and-protocol layer: the order of a protocol's callbacks. */
public final class TlsProtocols {
    private TlsProtocols() {}

    /** Answers the first data it receives with the same bytes, then closes (sending close_notify). */
    static final class AnswerOnceThenClose implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
            transport.close();
        }
    }

    /** Records its callbacks as strings; {@code lost} completes at connectionLost. */
    static final class Recorder implements Protocol {
        final List<String> events = new ArrayList<>();
        final Future<List<String>> lost = getRunningLoop().createFuture();
        Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            events.add("made reading=" + transport.isReading() + " closing=" + transport.isClosing());
        }

        @Override
        public void dataReceived(byte[] data) {
            events.add("data " + new String(data, US_ASCII));
        }

        @Override
        public boolean eofReceived() {
            events.add("eof closing=" + transport.isClosing());
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("lost " + exc);
            lost.setResult(events);
        }
    }

    @Async
    public static Coroutine<Server> startAnsweringServer(SSLContext ssl) {
        return result(await(Transports.createServer(getRunningLoop(), AnswerOnceThenClose::new, TlsEcho.HOST, 0, ssl)));
    }

    /**
     * Sends "ping" and returns the client protocol's callbacks until the connection is lost,
     * and what writeEof did, first.
     */
    @Async
    public static Coroutine<List<String>> pingUntilServerCloses(int port, SSLContext ssl) {
        Endpoint<Transport, Recorder> endpoint =
                await(Transports.createConnection(getRunningLoop(), Recorder::new, TlsEcho.HOST, port, ssl));
        Transport transport = endpoint.transport();
        Recorder recorder = endpoint.protocol();
        recorder.events.add("canWriteEof=" + transport.canWriteEof());
        try {
            transport.writeEof();
            recorder.events.add("writeEof accepted");
        } catch (UnsupportedOperationException e) {
            recorder.events.add("writeEof unsupported");
        }
        transport.write("ping".getBytes(US_ASCII));
        return result(await(recorder.lost));
    }
}
