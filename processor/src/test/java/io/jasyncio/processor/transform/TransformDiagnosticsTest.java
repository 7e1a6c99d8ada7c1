package io.jasyncio.processor.transform;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.jasyncio.processor.AsyncProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What the bytecode pass itself refuses is a compile error on the method, never a crash. */
class TransformDiagnosticsTest {

    @Test
    void aSynchronizedAsyncMethodIsAnErrorOnItsLine() {
        JavaFileObject source = JavaFileObjects.forResource("fixtures/AsyncSynchronized.java");
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new AsyncProcessor())
                .compile(source);
        assertThat(compilation).hadErrorContaining(
                        "[jasyncio] cannot rewrite @Async method fixtures.AsyncSynchronized.locked: it is synchronized,"
                                + " and a coroutine cannot hold a monitor across its awaits")
                .inFile(source)
                .onLineContaining("// SYNCHRONIZED");
        assertThat(compilation).hadErrorCount(1);
    }
}
