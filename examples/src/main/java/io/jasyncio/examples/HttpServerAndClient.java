package io.jasyncio.examples;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Server;
import io.jasyncio.net.StreamReader;
import io.jasyncio.net.StreamWriter;
import io.jasyncio.net.Streams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A small HTTP/1.1 server and client written on streams: the server answers {@code GET /} and
 * {@code GET /hello?name=...} on keep-alive connections (404 otherwise); the client sends three
 * requests on one connection, reading each response by its Content-Length. The JDK's
 * {@link HttpClient} then checks the server speaks real HTTP.
 *
 * <pre>
 * GET / -> 200 OK, 26 bytes: "jasyncio HTTP/1.1 example"
 * GET /hello?name=Ada -> 200 OK, 11 bytes: "Hello, Ada!"
 * GET /missing -> 404 Not Found, 10 bytes: "not found"
 * java.net.http.HttpClient: GET /hello?name=JDK -> 200 "Hello, JDK!"
 * </pre>
 */
public final class HttpServerAndClient {
    private HttpServerAndClient() {}

    /** One parsed response: status line, headers (lower-case names) and body. */
    record Response(String status, Map<String, String> headers, byte[] body) {}

    // ---- the server -------------------------------------------------------------------------

    @Async
    static Coroutine<Void> serve(StreamReader reader, StreamWriter writer) {
        while (true) {
            String requestLine = new String(await(reader.readline()), ISO_8859_1).strip();
            if (requestLine.isEmpty()) {
                break; // the client closed the connection
            }
            Map<String, String> headers = await(readHeaders(reader));
            String[] parts = requestLine.split(" ");
            String body;
            String status;
            if (parts.length == 3 && parts[0].equals("GET") && parts[1].equals("/")) {
                status = "200 OK";
                body = "jasyncio HTTP/1.1 example\n";
            } else if (parts.length == 3 && parts[0].equals("GET") && parts[1].startsWith("/hello?name=")) {
                status = "200 OK";
                body = "Hello, " + parts[1].substring("/hello?name=".length()) + "!";
            } else {
                status = "404 Not Found";
                body = "not found\n";
            }
            byte[] content = body.getBytes(UTF_8);
            boolean close = "close".equalsIgnoreCase(headers.get("connection"));
            writer.write(("HTTP/1.1 " + status + "\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Length: " + content.length + "\r\n"
                    + (close ? "Connection: close\r\n" : "")
                    + "\r\n").getBytes(ISO_8859_1));
            writer.write(content);
            await(writer.drain());
            if (close) {
                break;
            }
        }
        writer.close();
        await(writer.waitClosed());
        return result();
    }

    /** Header lines up to the blank line, names in lower case. */
    @Async
    static Coroutine<Map<String, String>> readHeaders(StreamReader reader) {
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while (!(line = new String(await(reader.readline()), ISO_8859_1).strip()).isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return result(headers);
    }

    // ---- the client -------------------------------------------------------------------------

    @Async
    static Coroutine<Response> get(Connection connection, String path) {
        connection.writer().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(ISO_8859_1));
        await(connection.writer().drain());
        String status = new String(await(connection.reader().readline()), ISO_8859_1).strip();
        Map<String, String> headers = await(readHeaders(connection.reader()));
        byte[] body = await(connection.reader().readexactly(Integer.parseInt(headers.get("content-length"))));
        return result(new Response(status.substring(status.indexOf(' ') + 1), headers, body));
    }

    @Async
    static Coroutine<Void> main() {
        Server server = await(Streams.startServer(HttpServerAndClient::serve, "127.0.0.1", 0));
        int port = server.sockets().get(0).socket().getLocalPort();

        Connection connection = await(Streams.openConnection("127.0.0.1", port));
        for (String path : new String[] {"/", "/hello?name=Ada", "/missing"}) {
            Response response = await(get(connection, path));
            System.out.println("GET " + path + " -> " + response.status() + ", " + response.body().length
                    + " bytes: \"" + new String(response.body(), UTF_8).strip() + "\"");
        }
        connection.writer().close();
        await(connection.writer().waitClosed());

        HttpClient jdkClient = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello?name=JDK")).build();
        HttpResponse<String> response = await(jdkClient.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        System.out.println("java.net.http.HttpClient: GET /hello?name=JDK -> " + response.statusCode()
                + " \"" + response.body() + "\"");

        server.close();
        return result();
    }

    public static void main(String[] args) {
        Asyncio.run(main());
    }
}
