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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Ctrl-C (SIGINT) in a program running a Runner cancels the run's task, whose finally blocks run. */
@Timeout(120)
@DisabledOnOs(OS.WINDOWS)
class RunnerInterruptTest {

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void theFirstSigintCancelsTheMainTask() throws Exception {
        String classPath = location(InterruptedRun.class) + File.pathSeparator + location(Coroutine.class);
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", classPath, InterruptedRun.class.getName())
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
            assertEquals("ready", lines.poll(60, TimeUnit.SECONDS), "the child did not start");
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start();
            assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end after SIGINT");
            reader.join(30_000);
            List<String> rest = new ArrayList<>();
            lines.drainTo(rest);
            assertEquals(List.of("finally ran", "cancelled by SIGINT"), rest);
            assertEquals(0, child.exitValue());
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
