package io.jasyncio.examples;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.gather;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.toThread;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.ContextVar;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * A request id carried through awaits into log lines with a {@link ContextVar}: three requests
 * handled concurrently on one thread, each seeing its own id in every coroutine it awaits and
 * in the blocking call it hands to a thread, where a {@code ThreadLocal} would be shared by all
 * three. The lines interleave; each carries the id of its own request.
 *
 * <pre>
 * [req-1] handling /a
 * [req-2] handling /b
 * [req-3] handling /c
 * [req-1] loaded /a on a worker thread
 * ...
 * [-] all done
 * </pre>
 */
public final class RequestIds {
    private static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "-");

    private RequestIds() {}

    /** A log line with the current request's id. To feed an MDC, copy REQUEST_ID.get() into it here. */
    static void log(String message) {
        System.out.println("[" + REQUEST_ID.get() + "] " + message);
    }

    @Async
    static Coroutine<String> load(String path) {
        await(sleep(0.01));
        String loaded = await(toThread(() -> {
            log("loaded " + path + " on a worker thread");
            return path.toUpperCase();
        }));
        return result(loaded);
    }

    @Async
    static Coroutine<String> handle(String id, String path) {
        REQUEST_ID.set(id); // this task's context only
        log("handling " + path);
        String body = await(load(path));
        log("answered " + body);
        return result(body);
    }

    @Async
    static Coroutine<Void> main() {
        List<Task<String>> requests = new ArrayList<>();
        String[] paths = {"/a", "/b", "/c"};
        for (int i = 0; i < paths.length; i++) {
            requests.add(createTask(handle("req-" + (i + 1), paths[i])));
        }
        await(gather(requests));
        log("all done");
        return result();
    }

    public static void main(String[] args) {
        Asyncio.run(main());
    }
}
