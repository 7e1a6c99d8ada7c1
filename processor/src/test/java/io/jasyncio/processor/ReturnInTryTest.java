package io.jasyncio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code return coroutine;} inside a try would be awaited after the try ended, escaping its
 * catch, finally and resources: an error on the line, pointing to return result(await(...)).
 */
class ReturnInTryTest {
    private static final String MESSAGE = "[jasyncio] return of a coroutine or future inside try would await it"
            + " only after the try has ended, so its catch, finally and resources would not cover that await:"
            + " write return result(await(...)); instead.";

    @Test
    void aTailAwaitInsideTryIsAnErrorOnItsLineAndTheRightFormsAreNot() {
        JavaFileObject source = JavaFileObjects.forResource("fixtures/ReturnInTry.java");
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new AsyncProcessor())
                .compile(source);
        assertThat(compilation).hadErrorContaining(MESSAGE).inFile(source).onLineContaining("// TAIL_IN_TRY");
        assertThat(compilation).hadErrorContaining(MESSAGE).inFile(source).onLineContaining("// TAIL_IN_CATCH");
        assertThat(compilation).hadErrorCount(2);
    }
}
