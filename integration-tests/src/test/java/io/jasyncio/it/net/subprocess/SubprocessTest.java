package io.jasyncio.it.net.subprocess;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.EventLoop;
import io.jasyncio.it.net.subprocess.SubprocessScenarios.Conversation;
import io.jasyncio.it.net.subprocess.SubprocessScenarios.Outcome;
import io.jasyncio.it.net.subprocess.SubprocessScenarios.Signal;
import io.jasyncio.it.net.subprocess.SubprocessScenarios.Transfer;
import io.jasyncio.net.Subprocess;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SubprocessTest {
    private static final String THREAD_PREFIX = "jasyncio-subprocess-";

    private final EventLoop loop = EventLoop.newEventLoop();

    /** Kills what a failed test left running, then requires every pipe thread to have ended. */
    @AfterEach
    void cleanUp() throws InterruptedException {
        if (!loop.isClosed()) {
            loop.close();
        }
        ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly);
        assertEquals(List.of(), pipeThreadsStillAliveAfter(10));
    }

    private static List<String> pipeThreadsStillAliveAfter(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> alive = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(THREAD_PREFIX)) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (thread.isAlive()) {
                    alive.add(thread.getName());
                }
            }
        }
        return alive;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, UTF_8);
    }

    @Test
    void linesEchoThroughCatAndTheEndOfStdinEndsIt() {
        List<byte[]> lines = List.of(bytes("hello\n"), bytes("world\n"), bytes("third line\n"));

        Conversation conversation = loop.runUntilComplete(SubprocessScenarios.echoThroughCat(lines));

        assertEquals(lines.size(), conversation.echoes().size());
        for (int i = 0; i < lines.size(); i++) {
            assertArrayEquals(lines.get(i), conversation.echoes().get(i));
        }
        assertEquals(0, conversation.rest().length);
        assertTrue(conversation.atEof());
        assertEquals(0, conversation.returncode());
    }

    @Test
    void communicateGivesTheOutputAndTheExitCode() {
        Outcome upper = loop.runUntilComplete(
                SubprocessScenarios.communicate(new ProcessBuilder("tr", "a-z", "A-Z"), bytes("hello, world\n")));
        assertEquals("HELLO, WORLD\n", text(upper.stdout()));
        assertEquals("", text(upper.stderr()));
        assertEquals(0, upper.returncode());

        // asyncio's verified case: communicate(b'hi') through a child that exits with 3
        Outcome three = loop.runUntilComplete(SubprocessScenarios.communicate(
                new ProcessBuilder("sh", "-c", "tr a-z A-Z; echo; exit 3"), bytes("hi")));
        assertEquals("HI\n", text(three.stdout()));
        assertEquals(3, three.returncode());
    }

    @Test
    void stderrIsSeparateOrMergedIntoStdout() {
        String script = "echo out; echo err >&2; echo more";
        Outcome separate = loop.runUntilComplete(
                SubprocessScenarios.communicate(new ProcessBuilder("sh", "-c", script), null));
        assertEquals("out\nmore\n", text(separate.stdout()));
        assertEquals("err\n", text(separate.stderr()));

        Outcome merged = loop.runUntilComplete(SubprocessScenarios.communicate(
                new ProcessBuilder("sh", "-c", script).redirectErrorStream(true), null));
        assertEquals("out\nerr\nmore\n", text(merged.stdout()));
        assertNull(merged.stderr());
        assertEquals(0, merged.returncode());
    }

    @Test
    void onlyPipeRedirectsGiveStreams() {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "echo dropped; echo err >&2")
                .redirectInput(Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(Redirect.DISCARD);
        assertEquals("false false true", loop.runUntilComplete(SubprocessScenarios.pipedStreams(builder)));

        Outcome outcome = loop.runUntilComplete(SubprocessScenarios.communicate(
                new ProcessBuilder("sh", "-c", "echo dropped; echo err >&2").redirectOutput(Redirect.DISCARD), null));
        assertNull(outcome.stdout());
        assertEquals("err\n", text(outcome.stderr()));
    }

    @Test
    void aChildThatStopsReadingIsNotAnErrorForCommunicate() {
        Outcome outcome = loop.runUntilComplete(SubprocessScenarios.communicate(
                new ProcessBuilder("head", "-c", "3"), new byte[4 * 1024 * 1024]));
        assertEquals(3, outcome.stdout().length);
        assertEquals(0, outcome.returncode());
    }

    @Test
    void fourMebibytesThroughCatWithBackPressure() {
        int size = 4 * 1024 * 1024;

        Transfer transfer = loop.runUntilComplete(SubprocessScenarios.transferThroughCat(size));

        assertEquals(size, transfer.received());
        assertEquals(-1, transfer.firstMismatch(), "the first byte that differs");
        // unread, the output stalls cat, whose full stdin stalls drain(): far less than 4 MiB go out
        assertTrue(transfer.writtenWhileUnread() >= 0 && transfer.writtenWhileUnread() < 1024 * 1024,
                "bytes written while nobody read: " + transfer.writtenWhileUnread());
        // drain() keeps the stdin buffer at the high-water mark plus one write
        assertTrue(transfer.maxBuffered() > 64 * 1024 && transfer.maxBuffered() <= 128 * 1024,
                "most bytes buffered: " + transfer.maxBuffered());
        assertEquals(0, transfer.returncode());
    }

    @Test
    void signalsGiveMinusTheSignalNumber() {
        assertEquals(-15, loop.runUntilComplete(SubprocessScenarios.signalled(Signal.TERMINATE)));
        assertEquals(-9, loop.runUntilComplete(SubprocessScenarios.signalled(Signal.KILL)));
        assertEquals(-10, loop.runUntilComplete(SubprocessScenarios.signalled(Signal.SIGUSR1)));
    }

    @Test
    void exitCodesAreReportedAsTheyAre() {
        assertEquals(3, loop.runUntilComplete(SubprocessScenarios.exitCode("sh", "-c", "exit 3")));
        assertEquals(0, loop.runUntilComplete(SubprocessScenarios.exitCode("true")));
        // 128 + 9 from a child that was not signalled by us stays as the JDK reports it
        assertEquals(137, loop.runUntilComplete(SubprocessScenarios.exitCode("sh", "-c", "exit 137")));
    }

    @Test
    void communicateUnderWaitForTimesOutAndTheChildCanThenBeKilled() {
        assertEquals("timed out, returncode null, then -9",
                loop.runUntilComplete(SubprocessScenarios.communicateTimesOut()));
    }

    @Test
    void aProgramThatCannotStartFailsAtTheAwait() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> loop.runUntilComplete(
                SubprocessScenarios.exitCode("/nonexistent/jasyncio-no-such-program")));
        assertTrue(e.getMessage().contains("jasyncio-no-such-program"), e.getMessage());
    }

    @Test
    void closingTheLoopFirstLetsThePipeThreadsEndQuietly() throws Exception {
        List<Throwable> uncaught = new ArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            synchronized (uncaught) {
                uncaught.add(e);
            }
        });
        try {
            Subprocess cat = loop.runUntilComplete(SubprocessScenarios.startCat());
            assertEquals(3, pipeThreadsOf(cat.pid()));
            loop.close();

            ProcessHandle child = ProcessHandle.of(cat.pid()).orElseThrow();
            child.destroyForcibly();
            child.onExit().get(10, TimeUnit.SECONDS);

            assertEquals(List.of(), pipeThreadsStillAliveAfter(10));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        synchronized (uncaught) {
            assertEquals(List.of(), uncaught);
        }
    }

    private static long pipeThreadsOf(long pid) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(THREAD_PREFIX + pid + "-") && t.isDaemon())
                .count();
    }
}
