package io.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first Java example, taken from README.md as it is, compiled with plain javac
 * and the processor on the processor path, then run: it must print what its comment says.
 */
class ReadmeExampleTest {
    @TempDir
    Path work;

    @Test
    void theReadmeExampleCompilesAndRunsExactlyAsWritten() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has no java block");
        Matcher className = Pattern.compile("public class (\\w+)").matcher(block.group(1));
        assertTrue(className.find(), "the example declares no public class");
        Path source = work.resolve(className.group(1) + ".java");
        Files.writeString(source, block.group(1));
        Path classes = Files.createDirectory(work.resolve("classes"));

        String classPath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int exit = javac.run(null, null, diagnostics, "-d", classes.toString(), "-classpath", classPath,
                "-processorpath", classPath, source.toString());
        assertEquals(0, exit, diagnostics.toString(StandardCharsets.UTF_8));

        String output = runMain(classes, className.group(1));
        assertEquals("hello WORLD, hello JAVA", output.strip());
    }

    private static String runMain(Path classes, String className) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeExampleTest.class.getClassLoader())) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
