package io.jasyncio.it.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.it.net.StreamScenarios.HOST;
import static io.jasyncio.it.net.StreamScenarios.ascii;
import static io.jasyncio.it.net.StreamScenarios.closeAndWait;
import static io.jasyncio.it.net.StreamScenarios.port;

import io.jasyncio.Async;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.net.Connection;
import io.jasyncio.net.ConnectionRefusedError;
import io.jasyncio.net.Server;
import io.jasyncio.net.Streams;
import java.util.ArrayList;
import java.util.List;

/** Server close semantics and serveForever (CPython test_server, and 3.12's wait_closed fix). */
public final class ServerScenarios {
    private ServerScenarios() {}

    @Async
    static Coroutine<String> roundTrip(Connection c, String text) {
        c.writer().write(ascii(text + "\n"));
        await(c.writer().drain());
        return result(ascii(await(c.reader().readline())).trim());
    }

    /**
     * An open connection, then close(): what is refused, what keeps working, and when the two
     * waitClosed() (one from before close(), one from after) complete.
     */
    @Async
    public static Coroutine<List<String>> closeKeepsOpenConnections() {
        List<String> log = new ArrayList<>();
        Server server = await(Echo.start());
        int port = port(server);
        log.add("serving " + server.isServing() + " sockets " + server.sockets().size());
        Connection open = await(Streams.openConnection(HOST, port));
        log.add("before " + await(roundTrip(open, "one")));
        Task<Void> waiterBefore = createTask(server.waitClosed());
        await(sleep(0));

        server.close();
        server.close();
        Task<Void> waiterAfter = createTask(server.waitClosed());
        log.add("serving " + server.isServing() + " sockets " + server.sockets().size());
        try {
            await(Streams.openConnection(HOST, port));
            log.add("connected after close");
        } catch (ConnectionRefusedError e) {
            log.add("refused");
        }
        log.add("after " + await(roundTrip(open, "two")));
        log.add("waiters done " + waiterBefore.done() + " " + waiterAfter.done());

        open.writer().writeEof();
        await(open.reader().read());
        await(closeAndWait(open.writer()));
        await(waiterBefore);
        await(waiterAfter);
        log.add("waiters done " + waiterBefore.done() + " " + waiterAfter.done());
        await(server.waitClosed());
        log.add("waitClosed again returns");
        return result(log);
    }

    /** serveForever: a second one fails, cancelling the first closes the server. */
    @Async
    public static Coroutine<List<String>> serveForeverCancelled() {
        List<String> log = new ArrayList<>();
        Server server = await(Echo.start());
        Task<Void> forever = createTask(server.serveForever());
        await(sleep(0));
        try {
            await(server.serveForever());
        } catch (IllegalStateException e) {
            log.add("second: " + e.getMessage().replace(server.toString(), "<server>"));
        }
        log.add("forever done " + forever.done() + " serving " + server.isServing());
        forever.cancel();
        try {
            await(forever);
        } catch (CancelledError e) {
            log.add("cancelled");
        }
        log.add("serving " + server.isServing() + " sockets " + server.sockets().size());
        try {
            await(server.serveForever());
        } catch (IllegalStateException e) {
            log.add("closed: " + e.getMessage().replace(server.toString(), "<server>"));
        }
        return result(log);
    }

    /** close() while serveForever runs ends it with a CancelledError. */
    @Async
    public static Coroutine<String> closeEndsServeForever() {
        Server server = await(Echo.start());
        Task<Void> forever = createTask(server.serveForever());
        await(sleep(0));
        server.close();
        try {
            await(forever);
            return result("returned");
        } catch (CancelledError e) {
            return result("cancelled, serving " + server.isServing());
        }
    }
}
