package io.jasyncio.examples;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.Async;
import io.jasyncio.AsyncFunction;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.net.Connection;
import io.jasyncio.net.ConnectionHandler;
import io.jasyncio.net.Server;
import io.jasyncio.net.StreamReader;
import io.jasyncio.net.Streams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A small HTTP/1.1 server and client written on streams: the server's connection handler and
 * its routes are lambdas that await; it answers {@code GET /} and {@code GET /hello?name=...}
 * on keep-alive connections (404 otherwise); the client sends three
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

    /** What a route answers: a status line's code and text, and the body. */
    record Page(String status, String body) {}

    /**
     * An HTTP/1.1 connection handler, written as a lambda that awaits: it reads each request
     * on the keep-alive connection and answers with what {@code route} (a lambda that may
     * await too) makes of the path.
     */
    static ConnectionHandler http(AsyncFunction<String, Page> route) {
        return (reader, writer) -> {
            while (true) {
                String requestLine = new String(await(reader.readline()), ISO_8859_1).strip();
                if (requestLine.isEmpty()) {
                    break; // the client closed the connection
                }
                Map<String, String> headers = await(readHeaders(reader));
                String[] parts = requestLine.split(" ");
                Page page = parts.length == 3 && parts[0].equals("GET")
                        ? await(route.apply(parts[1]))
                        : new Page("405 Method Not Allowed", "only GET\n");
                byte[] content = page.body().getBytes(UTF_8);
                boolean close = "close".equalsIgnoreCase(headers.get("connection"));
                writer.write(("HTTP/1.1 " + page.status() + "\r\n"
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
        };
    }

    /** The routes: {@code /}, {@code /hello?name=...} (which awaits, as a lookup would), else 404. */
    static final AsyncFunction<String, Page> ROUTES = path -> {
        if (path.equals("/")) {
            return result(new Page("200 OK", "jasyncio HTTP/1.1 example\n"));
        }
        if (path.startsWith("/hello?name=")) {
            String name = await(Asyncio.sleep(0.001, path.substring("/hello?name=".length())));
            return result(new Page("200 OK", "Hello, " + name + "!"));
        }
        return result(new Page("404 Not Found", "not found\n"));
    };

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
        Server server = await(Streams.startServer(http(ROUTES), "127.0.0.1", 0));
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
