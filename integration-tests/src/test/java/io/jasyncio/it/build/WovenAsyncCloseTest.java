package io.jasyncio.it.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.AsyncCloseable;
import io.jasyncio.AsyncGenerator;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.TaskGroup;
import io.jasyncio.it.close.AsyncClose;
import io.jasyncio.net.Server;
import io.jasyncio.net.StreamWriter;
import io.jasyncio.processor.Weaver;
import io.jasyncio.processor.transform.AsyncCloseableClasses;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * try-with-resources on {@code AsyncCloseable}s in classes rewritten without their source: ECJ's
 * output woven, javac's output (compiled without the processor) woven, and ECJ's output under
 * the agent, on the resources of {@link AsyncClose}. Each way out of a block (its end, return, break, continue, an exception, a close
 * that fails too) awaits {@code aclose()}; a TaskGroup waits for its child, an async generator's
 * finally runs, and a plain AutoCloseable is closed as compiled.
 */
@Timeout(120)
class WovenAsyncCloseTest {
    private static final String SOURCE = "ecj/ecjdemo/Closing.java";
    private static final String EXPECTED = String.join("; ", "open a", "body a", "closed a", "open returned",
            "closed returned", "returned 1", "open loop0", "closed loop0", "open loop1", "closed loop1", "open b",
            "closed b after boom", "caught boom", "open c", "closed c after first", "suppressed close of c failed",
            "open x", "open y", "body xy", "closed y", "closed x", "open f", "body f",
            "closed f after thrown in f", "caught thrown in f", "finally f", "open declared", "body declared", "closed declared",
            "child done", "after group", "first 0", "generator finally", "body plain", "plain closed");

    @TempDir
    Path dir;

    private Path compileWithEcj() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Ecj.Result result = Ecj.compile(Ecj.writeSource(dir, SOURCE), out, null);
        assertTrue(result.succeeded(), result.output());
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String runWoven(Path out) throws Exception {
        assertEquals(List.of(), Weaver.weave(out));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                WovenAsyncCloseTest.class.getClassLoader())) {
            return Asyncio.run((Coroutine<String>) loader.loadClass("ecjdemo.Closing").getMethod("run").invoke(null));
        }
    }

    @Test
    void ecjOutputWovenAwaitsEveryClose() throws Exception {
        assertEquals(EXPECTED, runWoven(compileWithEcj()));
    }

    @Test
    void javacOutputWithoutTheProcessorWovenAwaitsEveryClose() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-proc:none", "--release", "17", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path"), Ecj.writeSource(dir, SOURCE).toString());
        assertEquals(0, status);

        assertEquals(EXPECTED, runWoven(out));
    }

    @Test
    void ecjOutputUnderTheAgentAwaitsEveryClose() throws Exception {
        Path out = compileWithEcj();
        String classPath = String.join(File.pathSeparator, out.toString(), AgentTest.runtimeLocation(),
                Path.of(AsyncClose.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());

        AgentTest.Run run = AgentTest.runJava(List.of("-javaagent:" + AgentTest.agentJar(), "-cp", classPath,
                "ecjdemo.Closing"));

        assertEquals(0, run.exit(), run.stderr());
        assertEquals(EXPECTED, run.stdout(), run.stderr());
    }

    @Test
    void theRuntimesCloseablesTheWeaverKnowsByNameAreAsyncCloseable() throws Exception {
        for (String name : AsyncCloseableClasses.RUNTIME_CLOSEABLES) {
            Class<?> type = Class.forName(name.replace('/', '.'));
            assertTrue(AsyncCloseable.class.isAssignableFrom(type), name);
        }
        for (Class<?> type : List.of(TaskGroup.class, StreamWriter.class, Server.class, AsyncGenerator.class)) {
            assertTrue(AsyncCloseableClasses.RUNTIME_CLOSEABLES.contains(type.getName().replace('.', '/')), type.getName());
        }
    }
}
