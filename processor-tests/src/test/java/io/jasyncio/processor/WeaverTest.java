package io.jasyncio.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classes compiled without the processor (as ECJ would leave them) are woven afterwards by
 * the offline weaver, and then run; weaving twice changes nothing.
 */
class WeaverTest {
    @TempDir
    Path classes;

    @Test
    @SuppressWarnings("unchecked")
    void weavesClassesCompiledWithoutTheProcessor() throws Exception {
        Path source = Files.createDirectories(classes.resolve("src/demo")).resolve("Doubler.java");
        Files.writeString(source, """
                package demo;
                import static io.jasyncio.Asyncio.*;
                import io.jasyncio.*;
                public class Doubler {
                    @Async
                    public Coroutine<Integer> twice(Future<Integer> f) {
                        return result(2 * await(f));
                    }
                }
                """);
        Path out = Files.createDirectory(classes.resolve("out"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = javac.run(null, null, errors, "-proc:none", "-d", out.toString(),
                "-classpath", System.getProperty("java.class.path"), source.toString());
        assertEquals(0, exit, errors.toString(StandardCharsets.UTF_8));

        assertEquals(List.of(), Weaver.weave(out));
        byte[] once = Files.readAllBytes(out.resolve("demo/Doubler.class"));
        assertTrue(Files.exists(out.resolve("demo/Doubler$$twice$0.class")));
        assertEquals(List.of(), Weaver.weave(out));
        assertEquals(java.util.Arrays.toString(once),
                java.util.Arrays.toString(Files.readAllBytes(out.resolve("demo/Doubler.class"))));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
                EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            Object doubler = loader.loadClass("demo.Doubler").getConstructor().newInstance();
            Future<Integer> f = loop.createFuture();
            loop.callLater(1, () -> f.setResult(21));
            Coroutine<Integer> twice = (Coroutine<Integer>) doubler.getClass().getMethod("twice", Future.class)
                    .invoke(doubler, f);
            assertEquals(42, loop.runUntilComplete(twice));
        }
    }

    @Test
    void aClassThatCannotBeWovenAndAFileThatIsNoClassAreReportedAndTheOthersAreWovenAllTheSame() throws Exception {
        Path sources = Files.createDirectories(classes.resolve("src/demo"));
        Path bad = sources.resolve("Locked.java");
        Files.writeString(bad, """
                package demo;
                import static io.jasyncio.Asyncio.*;
                import io.jasyncio.*;
                public class Locked {
                    @Async
                    public synchronized Coroutine<Integer> locked() {
                        return result(1);
                    }
                }
                """);
        Path good = sources.resolve("Good.java");
        Files.writeString(good, """
                package demo;
                import static io.jasyncio.Asyncio.*;
                import io.jasyncio.*;
                public class Good {
                    @Async
                    public Coroutine<Integer> plusOne(Future<Integer> f) {
                        return result(await(f) + 1);
                    }
                }
                """);
        Path out = Files.createDirectory(classes.resolve("out"));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-proc:none", "-d", out.toString(),
                "-classpath", System.getProperty("java.class.path"), bad.toString(), good.toString());
        assertEquals(0, exit, errors.toString(StandardCharsets.UTF_8));
        Files.write(out.resolve("demo/Broken.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2, 3});

        List<String> failures = Weaver.weave(out);

        assertEquals(2, failures.size(), failures.toString());
        assertTrue(failures.stream().anyMatch(f -> f.startsWith("[jasyncio:async-synchronized] cannot rewrite @Async"
                + " method demo.Locked.locked: it is synchronized")), failures.toString());
        assertTrue(failures.stream().anyMatch(f -> f.startsWith("[jasyncio:cannot-rewrite] cannot read ")
                && f.contains("Broken.class")), failures.toString());
        assertTrue(Files.exists(out.resolve("demo/Good$$plusOne$0.class")), "the good class is woven");
    }
}
