package io.jasyncio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code return coroutine;} inside a try would be awaited after the try ended, escaping its
 * catch, finally and resources: an error on the line, pointing to return result(await(...)).
 * A conditional between results is a result. {@code return null;} is an error anywhere in an
 * {@code @Async} method's own body.
 */
class ReturnInTryTest {
    private static final String RETURN_IN_TRY = "[jasyncio:return-in-try]";
    private static final String RETURN_NULL = "[jasyncio:return-null]";

    @Test
    void aTailAwaitInsideTryAndAReturnedNullAreErrorsOnTheirLinesAndTheRightFormsAreNot() {
        JavaFileObject source = JavaFileObjects.forResource("fixtures/ReturnInTry.java");
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new AsyncProcessor())
                .compile(source);
        assertThat(compilation).hadErrorContaining(RETURN_IN_TRY).inFile(source).onLineContaining("// TAIL_IN_TRY");
        assertThat(compilation).hadErrorContaining(RETURN_IN_TRY).inFile(source).onLineContaining("// TAIL_IN_CATCH");
        assertThat(compilation).hadErrorContaining(RETURN_IN_TRY).inFile(source)
                .onLineContaining("// CONDITIONAL_TAIL_IN_TRY");
        assertThat(compilation).hadErrorContaining(RETURN_NULL).inFile(source).onLineContaining("// RETURNS_NULL");
        assertThat(compilation).hadErrorContaining(RETURN_NULL).inFile(source).onLineContaining("// NULL_IN_TRY");
        assertThat(compilation).hadErrorCount(5);
    }
}
