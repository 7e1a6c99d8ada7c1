package io.jasyncio.examples;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;

import com.sun.net.httpserver.HttpServer;
import io.jasyncio.Asyncio;
import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Done;
import io.jasyncio.ReturnWhen;
import io.jasyncio.Task;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Five files downloaded concurrently: an HTTP server on 127.0.0.1 (started by the example
 * itself) serves them, the JDK's {@link HttpClient} fetches them, each response is awaited
 * through {@code CompletionStage} interop and written to disk, and {@link Asyncio#wait} waits
 * for all five. The files are removed at the end.
 *
 * <pre>
 * downloaded file3.txt: 920 bytes
 * ... (five lines, in the order the downloads finish)
 * 5 files done, 0 pending
 * </pre>
 */
public final class DownloadFiles {
    private static final int FILES = 5;

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final Path directory;

    private DownloadFiles(String base, Path directory) {
        this.base = base;
        this.directory = directory;
    }

    @Async
    Coroutine<Long> download(String name) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + name)).build();
        HttpResponse<byte[]> response = await(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
        Path file = directory.resolve(name);
        write(file, response.body());
        System.out.println("downloaded " + name + ": " + response.body().length + " bytes");
        return result((long) response.body().length);
    }

    @Async
    Coroutine<Integer> downloadAll() {
        List<Task<Long>> downloads = new ArrayList<>();
        for (int i = 1; i <= FILES; i++) {
            downloads.add(createTask(download("file" + i + ".txt")));
        }
        Done<Long> done = await(Asyncio.wait(downloads, ReturnWhen.ALL_COMPLETED, 30));
        System.out.println(done.done().size() + " files done, " + done.pending().size() + " pending");
        return result(done.done().size());
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("contents of " + exchange.getRequestURI().getPath() + "\n").repeat(40)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Path directory = Files.createTempDirectory("jasyncio-downloads");
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Asyncio.run(new DownloadFiles(base, directory).downloadAll());
        } finally {
            server.stop(0);
            deleteRecursively(directory);
        }
    }

    private static void write(Path file, byte[] body) {
        try {
            Files.write(file, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
