package io.jasyncio.it.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coroutine;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The java agent on classes ECJ compiled without the processor: the program runs in a child
 * JVM with {@code -javaagent:} as javac's output would; without the agent, the first await
 * says it was not rewritten.
 */
@Timeout(120)
class AgentTest {
    @TempDir
    Path dir;

    /** The agent jar the agent module packaged, passed in by the build. */
    static Path agentJar() {
        String path = System.getProperty("jasyncio.agent.jar");
        assertTrue(path != null && Files.isRegularFile(Path.of(path)),
                "the agent jar (built by the agent module's package phase: run mvn verify): " + path);
        return Path.of(path);
    }

    /** Where the runtime's classes are, for the child's class path. */
    static String runtimeLocation() throws Exception {
        return Path.of(Coroutine.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    record Run(int exit, String stdout, String stderr) {}

    static Run runJava(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(arguments);
        Path stdout = Files.createTempFile("child", ".out");
        Path stderr = Files.createTempFile("child", ".err");
        Process child = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the child JVM did not end within 60 s: " + command);
            }
            return new Run(child.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8).strip(),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private Path compileWithEcj() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Ecj.Result result = Ecj.compile(Ecj.writeProgram(dir), out, null);
        assertTrue(result.succeeded(), result.output());
        return out;
    }

    @Test
    void ecjOutputRunsUnderTheAgent() throws Exception {
        Path out = compileWithEcj();
        String classPath = out + File.pathSeparator + runtimeLocation();

        Run run = runJava(List.of("-javaagent:" + agentJar(), "-cp", classPath, "ecjdemo.Program"));

        assertEquals(0, run.exit(), run.stderr());
        assertEquals(Ecj.EXPECTED_OUTPUT, run.stdout(), run.stderr());
        assertEquals("", run.stderr().strip());
    }

    @Test
    void withoutTheAgentTheFirstAwaitSaysItWasNotRewritten() throws Exception {
        Path out = compileWithEcj();
        String classPath = out + File.pathSeparator + runtimeLocation();

        Run run = runJava(List.of("-cp", classPath, "ecjdemo.Program"));

        assertTrue(run.exit() != 0, run.stdout());
        assertTrue(run.stderr().contains("IllegalStateException") && run.stderr().contains("ecjdemo.Program"),
                run.stderr());
    }
}
