package io.jasyncio.processor.transform;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.jasyncio.processor.AsyncProcessor;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A synchronized {@code @Async} method is an error on its line, in a local class too; and one
 * bad class neither hides another's errors nor makes up errors about it.
 */
class TransformDiagnosticsTest {

    @Test
    void aSynchronizedAsyncMethodIsAnErrorOnItsLineInALocalClassTooAndOtherClassesKeepTheirOwnErrors() {
        JavaFileObject synchronizedOnes = JavaFileObjects.forResource("fixtures/AsyncSynchronized.java");
        JavaFileObject other = JavaFileObjects.forResource("fixtures/AnotherBadClass.java");
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new AsyncProcessor())
                .compile(synchronizedOnes, other);
        assertThat(compilation).hadErrorContaining("[jasyncio:async-synchronized] @Async method AsyncSynchronized.locked()")
                .inFile(synchronizedOnes)
                .onLineContaining("// SYNCHRONIZED");
        assertThat(compilation).hadErrorContaining("[jasyncio:async-synchronized] @Async method Local.lockedToo()")
                .inFile(synchronizedOnes)
                .onLineContaining("// LOCAL_SYNCHRONIZED");
        assertThat(compilation).hadErrorContaining("[jasyncio:async-return-type]")
                .inFile(other)
                .onLineContaining("// NOT_A_COROUTINE");
        assertEquals(3, compilation.errors().size(), compilation.errors().stream()
                .map(d -> d.getMessage(Locale.ROOT)).toList().toString());
    }
}
