package io.jasyncio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A coroutine created and dropped is a warning on its line, with its rule id, unless suppressed. */
class UnawaitedWarningTest {
    private static final String FIXTURE = "fixtures/UnawaitedCoroutines.java";

    private static String dropped(String method) {
        return "[jasyncio:unawaited] the coroutine that " + method + " returns is dropped, so it never runs: await it"
                + " (await(...)) or start it as a task (createTask(...)); if dropping it is meant, say so with"
                + " @SuppressWarnings(\"jasyncio:unawaited\")";
    }

    @Test
    void eachDroppedCoroutineIsWarnedOfOnItsLineAndTheSuppressedOnesAreNot() {
        JavaFileObject source = JavaFileObjects.forResource(FIXTURE);
        Compilation compilation = Compiler.javac().withProcessors(new AsyncProcessor()).compile(source);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining(dropped("UnawaitedCoroutines.work(int)"))
                .inFile(source).onLineContaining("// [dropped-async-call]");
        assertThat(compilation).hadWarningContaining(dropped("Asyncio.sleep(double)"))
                .inFile(source).onLineContaining("// [dropped-helper]");
        assertThat(compilation).hadWarningContaining(dropped("UnawaitedCoroutines.work(int)"))
                .inFile(source).onLineContaining("// [dropped-outside-async]");
        List<String> ours = compilation.warnings().stream()
                .map(d -> d.getMessage(Locale.ROOT))
                .filter(m -> m.startsWith("[jasyncio"))
                .toList();
        assertEquals(3, ours.size(), ours.toString());
    }
}
