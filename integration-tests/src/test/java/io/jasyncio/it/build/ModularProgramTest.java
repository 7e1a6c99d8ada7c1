package io.jasyncio.it.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A modular program: its own {@code module-info.java} that {@code requires io.jasyncio},
 * {@code @Async} methods and the generated await-site table, compiled by javac with the
 * processor on the processor path and the runtime on the module path, then run on the module
 * path in a child JVM.
 */
@Timeout(120)
class ModularProgramTest {
    @TempDir
    Path dir;

    @Test
    void compilesAndRunsOnTheModulePath() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("demo/app"));
        Files.writeString(src.resolve("module-info.java"), """
                module demo.app {
                    requires io.jasyncio;
                }
                """);
        Files.writeString(src.resolve("demo/app/Main.java"), """
                package demo.app;

                import static io.jasyncio.Asyncio.*;
                import io.jasyncio.*;

                public class Main {
                    @Async
                    static Coroutine<Integer> waitFor(Future<Integer> gate) {
                        return result(await(gate) + 1);
                    }

                    @Async
                    static Coroutine<String> run() {
                        Future<Integer> gate = getRunningLoop().createFuture();
                        Task<Integer> waiter = createTask(waitFor(gate), "waiter");
                        await(sleep(0));
                        java.io.ByteArrayOutputStream stack = new java.io.ByteArrayOutputStream();
                        waiter.printStack(new java.io.PrintStream(stack, true));
                        gate.setResult(41);
                        return result(await(waiter) + " " + stack.toString().contains("await(gate)"));
                    }

                    public static void main(String[] args) {
                        System.out.println(Main.class.getModule().getName() + " " + Asyncio.run(run()));
                    }
                }
                """);
        Path out = Files.createDirectories(dir.resolve("out"));
        String runtime = AgentTest.runtimeLocation();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = ToolProvider.getSystemJavaCompiler().run(null, errors, errors,
                "--release", "17", "-Xlint:all", "-Werror",
                "--module-path", runtime,
                "-processorpath", System.getProperty("java.class.path"),
                "-d", out.toString(),
                src.resolve("module-info.java").toString(), src.resolve("demo/app/Main.java").toString());
        assertEquals(0, exit, errors.toString(StandardCharsets.UTF_8));
        try (var files = Files.list(out.resolve("demo/app"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("Main$$run$")), "rewritten");
        }

        AgentTest.Run run = AgentTest.runJava(List.of("--module-path", out + File.pathSeparator + runtime,
                "-m", "demo.app/demo.app.Main"));

        assertEquals(0, run.exit(), run.stderr());
        assertEquals("demo.app 42 true", run.stdout(), run.stderr());
    }
}
