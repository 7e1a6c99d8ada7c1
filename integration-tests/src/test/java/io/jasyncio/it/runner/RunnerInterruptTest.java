package io.jasyncio.it.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coroutine;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Signals in child JVMs: Ctrl-C (SIGINT) cancels a Runner's task, and a loop's signal handler runs on the loop. */
@Timeout(120)
@DisabledOnOs(OS.WINDOWS)
class RunnerInterruptTest {

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Runs {@code main} in a child JVM, sends it {@code signal} once it printed "ready", and returns what it printed after. */
    private static List<String> afterSignal(Class<?> main, String signal) throws Exception {
        String classPath = location(main) + File.pathSeparator + location(Coroutine.class);
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", classPath, main.getName())
                .redirectErrorStream(true)
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException ended) {
                // the child is gone
            }
        }, "child-output");
        reader.start();
        try {
            String first = lines.poll(60, TimeUnit.SECONDS);
            if (first != null && first.startsWith("refused: ")) {
                // This JVM, and so the child, started with the signal ignored: see below.
                Assumptions.abort("the test's process ignores the signal: " + first);
            }
            assertEquals("ready", first, "the child did not start");
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end after SIG" + signal);
            reader.join(30_000);
            List<String> rest = new ArrayList<>();
            lines.drainTo(rest);
            assertEquals(0, child.exitValue(), rest.toString());
            return rest;
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFirstSigintCancelsTheMainTask() throws Exception {
        assertEquals(List.of("finally ran", "cancelled by SIGINT"), afterSignal(InterruptedRun.class, "INT"));
    }

    /**
     * Under nohup the process starts with SIGHUP ignored, and the JVM then installs no handler
     * for it: addSignalHandler says so instead of waiting for a signal that never comes.
     */
    @Test
    void aSignalIgnoredWhenTheProcessStartedIsRefusedWithTheReason() throws Exception {
        String classPath = location(SignalHandled.class) + File.pathSeparator + location(Coroutine.class);
        Process child = new ProcessBuilder("nohup", ProcessHandle.current().info().command().orElse("java"),
                "-cp", classPath, SignalHandled.class.getName())
                .redirectErrorStream(true)
                .start();
        try {
            child.getOutputStream().close();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end");
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), output);
            assertTrue(output.contains("refused: SIGHUP is ignored by this process, as it was when the process started"),
                    output);
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSignalHandlerRunsOnTheLoopAndIsRemovedOnce() throws Exception {
        assertEquals(List.of("got HUP on main", "removed true", "removed again false"),
                afterSignal(SignalHandled.class, "HUP"));
    }
}
