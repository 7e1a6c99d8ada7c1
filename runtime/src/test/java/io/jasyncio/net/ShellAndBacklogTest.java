package io.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.EventLoop;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** createSubprocessShell (CPython's test_subprocess shell cases) and the servers' backlog argument. */
@Timeout(60)
class ShellAndBacklogTest {

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aShellCommandRunsWithItsStreamsPiped() {
        try (EventLoop loop = EventLoop.newEventLoop()) {
            Subprocess shell = loop.runUntilComplete(
                    Subprocess.createSubprocessShell("read line; echo \"got $line and $((1 + 2))\"; echo oops >&2; exit 3"));
            Subprocess.Communicated out = loop.runUntilComplete(shell.communicate("input\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals("got input and 3\n", new String(out.stdout(), StandardCharsets.UTF_8));
            assertEquals("oops\n", new String(out.stderr(), StandardCharsets.UTF_8));
            assertEquals(Integer.valueOf(3), shell.returncode());
        }
    }

    @Test
    void aServerTakesABacklogAndRefusesOneBelowOne() {
        try (EventLoop loop = EventLoop.newEventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer((reader, writer) -> io.jasyncio.Asyncio.result(),
                    "127.0.0.1", 0, StreamReader.DEFAULT_LIMIT, 5));
            try {
                assertEquals(1, server.sockets().size());
            } finally {
                server.close();
                loop.runUntilComplete(server.waitClosed());
            }
            assertThrows(IllegalArgumentException.class,
                    () -> Streams.startServer((reader, writer) -> io.jasyncio.Asyncio.result(), "127.0.0.1", 0,
                            StreamReader.DEFAULT_LIMIT, 0));
            assertThrows(IllegalArgumentException.class,
                    () -> loop.createServer(() -> new Protocol() { }, "127.0.0.1", 0, 0));
        }
    }
}
