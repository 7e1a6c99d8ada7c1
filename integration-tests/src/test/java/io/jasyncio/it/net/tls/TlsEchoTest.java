package io.jasyncio.it.net.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionContext;
import io.jasyncio.it.net.OpenDescriptors;
import io.jasyncio.it.net.tls.TlsEcho.Conversation;
import io.jasyncio.net.Server;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS over streams and protocols on 127.0.0.1, with a self-signed certificate that keytool
 * generates for the test (CN=localhost, subject alternative names localhost and 127.0.0.1).
 */
@Timeout(60)
class TlsEchoTest {
    private static final char[] PASSWORD = "jasyncio-test".toCharArray();
    private static final int PAYLOAD_SIZE = 1024 * 1024;

    @TempDir
    static Path dir;
    private static Certificate certificate;
    private static SSLContext serverContext;
    /** Trusts the server's certificate only. */
    private static KeyStore trustStore;
    /** Trusts another generated certificate only. */
    private static KeyStore otherTrustStore;

    private final EventLoop loop = EventLoop.newEventLoop();
    private final TlsEcho echo = new TlsEcho();
    private final List<ExceptionContext> reported = new ArrayList<>();

    @BeforeEach
    void recordReportedErrors() {
        loop.setExceptionHandler((l, context) -> reported.add(context));
    }

    @BeforeAll
    static void generateCertificates() throws Exception {
        KeyStore keyStore = generateKeyStore("server");
        certificate = keyStore.getCertificate("server");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        trustStore = trusting(certificate);
        otherTrustStore = trusting(generateKeyStore("other").getCertificate("other"));
    }

    /** Runs keytool for a new EC key pair and a self-signed certificate for localhost and 127.0.0.1. */
    private static KeyStore generateKeyStore(String alias) throws Exception {
        Path keyStoreFile = dir.resolve(alias + ".p12");
        Path log = dir.resolve(alias + "-keytool.log");
        Process keytool = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStoreFile.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!keytool.waitFor(60, SECONDS)) {
            keytool.destroyForcibly().waitFor();
            fail("keytool did not finish in 60 s: " + readQuietly(log));
        }
        assertEquals(0, keytool.exitValue(), () -> "keytool failed: " + readQuietly(log));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, PASSWORD);
        }
        return keyStore;
    }

    private static KeyStore trusting(Certificate trusted) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("trusted", trusted);
        return store;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    /** A client context of the given protocol ("TLS": the JDK's default versions) trusting {@code trusted}. */
    private static SSLContext clientContext(String protocol, KeyStore trusted) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void aPlainConnectionUpgradedWithStartTlsGoesOnEncryptedOnBothSides() throws Exception {
        Server server = loop.runUntilComplete(StartTls.startServer(serverContext));
        try {
            List<String> heard = loop.runUntilComplete(
                    StartTls.converse(TlsEcho.port(server), clientContext("TLS", trustStore)));
            assertEquals(List.of("220 ready", "220 go ahead", "got hello over TLS", "client encrypts: true"), heard);
        } finally {
            server.close();
            loop.runUntilComplete(server.waitClosed());
        }
    }

    @AfterEach
    void closeLoop() {
        loop.close();
        assertEquals(List.of(), reported, "errors reported to the loop's exception handler");
    }

    private static List<byte[]> lines() {
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(("line " + i + " " + "x".repeat(i * 37) + "\n").getBytes(US_ASCII));
        }
        return lines;
    }

    private static byte[] payload() {
        byte[] payload = new byte[PAYLOAD_SIZE];
        new Random(42).nextBytes(payload);
        return payload;
    }

    private void closeServer(Server server) {
        server.close();
        loop.runUntilComplete(server.waitClosed());
        assertFalse(server.isServing());
        assertTrue(server.sockets().isEmpty());
        loop.runUntilComplete(Asyncio.sleep(0)); // closed channels are deregistered, and so released, by the next poll
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS", "TLSv1.2"})
    void linesAndAMebibyteComeBackOverTls(String protocol) throws Exception {
        SSLContext client = clientContext(protocol, trustStore);
        Server server = loop.runUntilComplete(echo.start(serverContext));
        List<byte[]> lines = lines();
        byte[] payload = payload();

        Conversation seen = loop.runUntilComplete(TlsEcho.converse(TlsEcho.port(server), client, null, lines, payload, false));

        assertEquals(lines.size(), seen.lineEchoes().size());
        for (int i = 0; i < lines.size(); i++) {
            assertArrayEquals(lines.get(i), seen.lineEchoes().get(i), "line " + i);
        }
        assertArrayEquals(payload, seen.payloadEcho(), "the 1 MiB payload's echo");
        assertTrue(seen.atEofAfterClose());
        assertFalse(seen.canWriteEof());

        Certificate[] chain = assertInstanceOf(Certificate[].class, seen.extraInfo().get("peercert"));
        assertEquals(certificate, chain[0]);
        SSLEngine engine = assertInstanceOf(SSLEngine.class, seen.extraInfo().get("ssl_object"));
        assertTrue(engine.getUseClientMode());
        assertEquals(protocol.equals("TLS") ? "TLSv1.3" : protocol, engine.getSession().getProtocol());
        assertEquals(engine.getSession().getCipherSuite(), seen.extraInfo().get("cipher"));
        assertSame(client, seen.extraInfo().get("sslcontext"));
        assertEquals(TlsEcho.port(server), ((InetSocketAddress) seen.extraInfo().get("peername")).getPort());

        closeServer(server);
        long sent = payload.length + lines.stream().mapToLong(line -> line.length).sum();
        assertEquals(sent, echo.received(), "bytes the server received");
        assertEquals(1, echo.clientCertificates().size());
        assertNull(echo.clientCertificates().get(0), "no client certificate was asked for");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS", "TLSv1.2"})
    void aNewHandshakeMidStreamLosesNoByte(String protocol) throws Exception {
        Server server = loop.runUntilComplete(echo.start(serverContext));
        byte[] payload = payload();

        Conversation seen = loop.runUntilComplete(TlsEcho.converse(
                TlsEcho.port(server), clientContext(protocol, trustStore), null, lines(), payload, true));

        assertArrayEquals(payload, seen.payloadEcho());
        closeServer(server);
        assertEquals(payload.length + lines().stream().mapToLong(line -> line.length).sum(), echo.received());
    }

    @Test
    void aClientThatDoesNotTrustTheServerFailsAndTheServerKeepsServing() throws Exception {
        SSLContext untrusting = clientContext("TLS", otherTrustStore);
        // warm up: the JDK opens some descriptors for good on a first failed handshake (25: a Unix socket)
        Server warmUp = loop.runUntilComplete(echo.start(serverContext));
        assertNotNull(loop.runUntilComplete(TlsEcho.failedConnection(TlsEcho.port(warmUp), untrusting, null)));
        closeServer(warmUp);
        int descriptors = OpenDescriptors.countOnceSettled(loop);
        Server server = loop.runUntilComplete(echo.start(serverContext));
        int port = TlsEcho.port(server);

        RuntimeException failure = loop.runUntilComplete(TlsEcho.failedConnection(port, untrusting, null));

        assertInstanceOf(UncheckedIOException.class, failure);
        assertInstanceOf(SSLException.class, failure.getCause(), "the handshake's error is the cause");
        byte[] payload = payload();
        Conversation seen = loop.runUntilComplete(
                TlsEcho.converse(port, clientContext("TLS", trustStore), null, lines(), payload, false));
        assertArrayEquals(payload, seen.payloadEcho());
        assertEquals(1, echo.clientCertificates().size(), "the failed connection never reached the handler");
        closeServer(server); // returns only once the failed connection is closed too
        assertEquals(descriptors, OpenDescriptors.countOnceSettled(loop), "both ends of both connections are closed");
    }

    @Test
    void theServerNameIsVerifiedWhenGiven() throws Exception {
        SSLContext client = clientContext("TLS", trustStore);
        Server server = loop.runUntilComplete(echo.start(serverContext));
        int port = TlsEcho.port(server);

        assertNull(loop.runUntilComplete(TlsEcho.failedConnection(port, client, "localhost")));
        RuntimeException wrongName = loop.runUntilComplete(TlsEcho.failedConnection(port, client, "wrong.example"));

        assertNotNull(wrongName, "a certificate for localhost must not pass for wrong.example");
        assertInstanceOf(SSLException.class, wrongName.getCause());
        closeServer(server);
    }

    @Test
    void theServersCloseNotifyIsTheClientProtocolsEndOfStream() throws Exception {
        Server server = loop.runUntilComplete(TlsProtocols.startAnsweringServer(serverContext));

        List<String> events = loop.runUntilComplete(
                TlsProtocols.pingUntilServerCloses(TlsEcho.port(server), clientContext("TLS", trustStore)));

        assertEquals(List.of("made reading=true closing=false", "canWriteEof=false", "writeEof unsupported",
                "data ping", "eof closing=false", "lost null"), events);
        closeServer(server);
    }
}
