package io.jasyncio.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * javac {@code -Xlint:all} with the processor found as a user's build finds it (on the
 * processor path, through its service entries): no note that nobody claimed {@code @Async} or
 * an annotation of the generated sources.
 */
class LintProcessingTest {

    @Test
    void nothingIsReportedUnclaimed(@TempDir Path out) throws Exception {
        Path source = out.resolve("src/lint/Lint.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, String.join("\n",
                "package lint;",
                "import static io.jasyncio.Asyncio.await;",
                "import static io.jasyncio.Asyncio.result;",
                "import static io.jasyncio.Asyncio.sleep;",
                "import io.jasyncio.Async;",
                "import io.jasyncio.Coroutine;",
                "public class Lint {",
                "    @Async",
                "    static Coroutine<Integer> one() {",
                "        await(sleep(0));",
                "        return result(1);",
                "    }",
                "}",
                ""));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("java.class.path");
        StringWriter messages = new StringWriter();
        boolean compiled = javac.getTask(messages, null, null,
                List.of("-Xlint:all", "-d", out.resolve("classes").toString(), "-cp", classPath,
                        "-processorpath", classPath),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();

        assertTrue(compiled, messages.toString());
        assertEquals(-1, messages.toString().indexOf("No processor claimed"), messages.toString());
        assertTrue(Files.exists(out.resolve("classes/lint/Lint_AwaitSites.class")), "the processor ran");
    }
}
