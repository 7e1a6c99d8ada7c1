package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Debug mode switched on from outside the program: a system property, an environment variable, run's flag. */
class DebugModeTest {

    /** Prints whether a new loop starts in debug mode and whether Asyncio.run's loop is in it. */
    public static final class Probe {
        public static void main(String[] args) {
            AtomicBoolean inRun = new AtomicBoolean();
            try (EventLoop loop = EventLoop.newEventLoop()) {
                Asyncio.run(TestFrame.of("probe", (f, v, e) -> {
                    inRun.set(Asyncio.getRunningLoop().getDebug());
                    return f.ret(null);
                }));
                System.out.println("new loop " + loop.getDebug() + ", run " + inRun.get());
            }
        }
    }

    private static String probe(List<String> jvmOptions, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JASYNCIO_DEBUG");
        builder.environment().putAll(environment);
        Path output = Files.createTempFile("debug-probe", ".txt");
        Process child = builder.redirectOutput(output.toFile()).start();
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the probe did not end within 60 s");
            String text = Files.readString(output, StandardCharsets.UTF_8).strip();
            assertEquals(0, child.exitValue(), text);
            return text;
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    @Test
    void offUnlessAskedFor() throws Exception {
        assertEquals("new loop false, run false", probe(List.of(), Map.of()));
    }

    @Test
    void theSystemPropertyTurnsItOnForEveryNewLoop() throws Exception {
        assertEquals("new loop true, run true", probe(List.of("-Djasyncio.debug=true"), Map.of()));
    }

    @Test
    void theEnvironmentVariableTurnsItOnForEveryNewLoop() throws Exception {
        assertEquals("new loop true, run true", probe(List.of(), Map.of("JASYNCIO_DEBUG", "1")));
        assertEquals("new loop false, run false", probe(List.of(), Map.of("JASYNCIO_DEBUG", "0")));
    }

    @Test
    void runTakesItAsAnArgument() {
        AtomicBoolean seen = new AtomicBoolean();
        Asyncio.run(TestFrame.of("main", (f, v, e) -> {
            seen.set(Asyncio.getRunningLoop().getDebug());
            return f.ret(null);
        }), true);
        assertTrue(seen.get());

        Asyncio.run(TestFrame.of("main", (f, v, e) -> {
            seen.set(Asyncio.getRunningLoop().getDebug());
            return f.ret(null);
        }), false);
        assertFalse(seen.get());
    }
}
