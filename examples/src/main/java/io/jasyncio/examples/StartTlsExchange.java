package io.jasyncio.examples;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Server;
import io.jasyncio.net.StreamReader;
import io.jasyncio.net.StreamWriter;
import io.jasyncio.net.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/**
 * STARTTLS, as SMTP and IMAP do it: the server greets in the clear, the client asks for TLS,
 * both sides upgrade the same connection with {@link StreamWriter#startTls}, and the rest of
 * the conversation is encrypted. The certificate is a throwaway, self-signed one that the
 * JDK's {@code keytool} makes for localhost in a temporary directory.
 *
 * <pre>
 * C: EHLO client
 * S: 220 ready, say STARTTLS
 * C: STARTTLS
 * S: 220 go ahead
 * (both sides: TLSv1.3 TLS_AES_256_GCM_SHA384)
 * C: secret
 * S: 250 got "secret" over TLS
 * </pre>
 */
public final class StartTlsExchange {
    private static final char[] PASSWORD = "example".toCharArray();

    private StartTlsExchange() {}

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8).strip();
    }

    @Async
    static Coroutine<Void> server(SSLContext tls, StreamReader reader, StreamWriter writer) {
        await(reader.readline()); // EHLO
        writer.write(line("220 ready, say STARTTLS"));
        String command = text(await(reader.readline()));
        if (!command.equals("STARTTLS")) {
            writer.write(line("530 TLS first"));
            writer.close();
            return result();
        }
        writer.write(line("220 go ahead"));
        await(writer.startTls(tls, null)); // the server's side of the handshake
        String secret = text(await(reader.readline()));
        writer.write(line("250 got \"" + secret + "\"" + (writer.getExtraInfo("sslcontext") != null ? " over TLS" : "")));
        await(writer.drain());
        writer.close();
        return result();
    }

    @Async
    static Coroutine<Void> client(int port, SSLContext tls) {
        Connection connection = await(Streams.openConnection("127.0.0.1", port));
        StreamReader reader = connection.reader();
        StreamWriter writer = connection.writer();
        say(writer, "EHLO client");
        System.out.println("S: " + text(await(reader.readline())));
        say(writer, "STARTTLS");
        System.out.println("S: " + text(await(reader.readline())));
        await(writer.startTls(tls, "localhost")); // checks the server's certificate for "localhost"
        SSLEngine engine = (SSLEngine) writer.getExtraInfo("ssl_object");
        System.out.println("(both sides: " + engine.getSession().getProtocol() + " " + engine.getSession().getCipherSuite() + ")");
        say(writer, "secret");
        System.out.println("S: " + text(await(reader.readline())));
        writer.close();
        await(writer.waitClosed());
        return result();
    }

    private static void say(StreamWriter writer, String text) {
        System.out.println("C: " + text);
        writer.write(line(text));
    }

    @Async
    static Coroutine<Void> exchange(SSLContext serverTls, SSLContext clientTls) {
        Server server = await(Streams.startServer((reader, writer) -> server(serverTls, reader, writer), "127.0.0.1", 0));
        int port = ((InetSocketAddress) server.sockets().get(0).socket().getLocalSocketAddress()).getPort();
        try {
            await(client(port, clientTls));
        } finally {
            server.close();
            await(server.waitClosed());
        }
        return result();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("jasyncio-starttls");
        try {
            KeyStore keys = selfSigned(dir.resolve("localhost.p12"));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD);
            SSLContext serverTls = SSLContext.getInstance("TLS");
            serverTls.init(keyManagers.getKeyManagers(), null, null);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("localhost", keys.getCertificate("localhost"));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext clientTls = SSLContext.getInstance("TLS");
            clientTls.init(null, trustManagers.getTrustManagers(), null);
            Asyncio.run(exchange(serverTls, clientTls));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** A key pair and a self-signed certificate for localhost, made by the JDK's keytool. */
    private static KeyStore selfSigned(Path file) throws IOException, GeneralSecurityException {
        Process keytool = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "1",
                "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true)
                .redirectOutput(file.resolveSibling("keytool.log").toFile())
                .start();
        try {
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                keytool.destroyForcibly();
                throw new IllegalStateException("keytool failed: " + Files.readString(file.resolveSibling("keytool.log")));
            }
        } catch (InterruptedException e) {
            keytool.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while keytool ran", e));
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }
}
