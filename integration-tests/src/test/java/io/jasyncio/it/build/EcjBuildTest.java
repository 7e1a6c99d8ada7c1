package io.jasyncio.it.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.processor.Weaver;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eclipse's compiler: with the processor on its processor path, every {@code @Async} method is
 * an error saying nothing was rewritten (ECJ has no javac internals to hook into); without it,
 * the classes ECJ wrote are woven afterwards and run as javac's would.
 */
@Timeout(120)
class EcjBuildTest {
    @TempDir
    Path dir;

    @Test
    void withTheProcessorEachAsyncMethodIsAnErrorThatNothingWasRewritten() throws Exception {
        Path source = Ecj.writeProgram(dir);
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createDirectories(dir.resolve("generated"));

        Ecj.Result result = Ecj.compile(source, out, System.getProperty("java.class.path"));

        assertFalse(result.succeeded(), result.output());
        for (String method : List.of("later(int)", "failing(java.lang.String)", "run()")) {
            assertTrue(result.output().contains("[jasyncio:not-javac] @Async method " + method
                    + " cannot be rewritten: this compiler"), result.output());
        }
        assertTrue(result.output().contains("Program.java (at line 15)"), result.output());
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutItTheClassesAreWovenAfterwardsAndRun() throws Exception {
        Path source = Ecj.writeProgram(dir);
        Path out = Files.createDirectories(dir.resolve("out"));
        Ecj.Result result = Ecj.compile(source, out, null);
        assertTrue(result.succeeded(), result.output());

        assertEquals(List.of(), Weaver.weave(out));
        try (var files = Files.list(out.resolve("ecjdemo"))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("Program$$run$")),
                    "a frame class for run()");
        }

        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            Coroutine<String> run = (Coroutine<String>) loader.loadClass("ecjdemo.Program").getMethod("run").invoke(null);
            assertEquals(Ecj.EXPECTED_OUTPUT, Asyncio.run(run));
        }
    }
}
