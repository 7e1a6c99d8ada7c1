package io.jasyncio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The rules {@link AsyncValidator} enforces, each on a fixture under {@code fixtures/}: every
 * error is asserted by its rule id, its file and its line (and a fragment of its message), and
 * every fixture's errors are asserted to be exactly the expected ones, each reported once.
 */
class AsyncValidatorTest {
    private static final String OUTSIDE = "fixtures/AwaitOutsideAsync.java";
    private static final String NESTED = "fixtures/AwaitInNestedCode.java";
    private static final String RETURN_TYPE = "fixtures/AsyncReturnType.java";
    private static final String NO_BODY = "fixtures/AsyncWithoutBody.java";
    private static final String SYNCHRONIZED = "fixtures/AwaitInSynchronized.java";
    private static final String VALID = "fixtures/ValidCoroutines.java";
    private static final String ASYNC_CLOSE = "fixtures/AsyncCloseRules.java";
    private static final String GENERATORS = "fixtures/GeneratorRules.java";

    /** One expected error: its rule and a fragment of its message, on the only line of {@code file} containing {@code marker}. */
    private record Expected(String file, String marker, Rule rule, String fragment) {}

    private static Expected error(String file, String marker, Rule rule, String fragment) {
        return new Expected(file, marker, rule, fragment);
    }

    private static Expected notAsync(String file, String marker, String method) {
        return error(file, marker, Rule.AWAIT_OUTSIDE_ASYNC, "and " + method + " is not @Async");
    }

    private static Expected inLambda(String marker) {
        return error(NESTED, marker, Rule.AWAIT_IN_LAMBDA, "inside this lambda, even within an @Async method");
    }

    private static Expected returnType(String marker, String method, String type) {
        return error(RETURN_TYPE, marker, Rule.ASYNC_RETURN_TYPE, method + " must return io.jasyncio.Coroutine<T>, not " + type);
    }

    private static final List<Expected> OUTSIDE_ERRORS = List.of(
            error(OUTSIDE, "// [field]", Rule.AWAIT_IN_INITIALIZER, "in a field initializer"),
            error(OUTSIDE, "// [static-block]", Rule.AWAIT_IN_INITIALIZER, "in a static initializer block"),
            error(OUTSIDE, "// [instance-block]", Rule.AWAIT_IN_INITIALIZER, "in an instance initializer block"),
            error(OUTSIDE, "// [constructor]", Rule.AWAIT_IN_CONSTRUCTOR, "not allowed in a constructor"),
            notAsync(OUTSIDE, "// [plain-static-import]", "plainMethod()"),
            notAsync(OUTSIDE, "// [plain-qualified]", "qualified()"),
            notAsync(OUTSIDE, "// [plain-completion-stage]",
                    "completionStage(java.util.concurrent.CompletableFuture<java.lang.String>)"),
            error(OUTSIDE, "// [lambda-outside-async]", Rule.AWAIT_IN_LAMBDA, "not allowed inside this lambda: its functional"),
            error(OUTSIDE, "// [method-reference]", Rule.AWAIT_REFERENCE, "(Asyncio::await)"));

    private static final List<Expected> NESTED_ERRORS = List.of(
            inLambda("// [lambda]"),
            error(NESTED, "// [anonymous]", Rule.AWAIT_IN_LOCAL_CLASS, "inside an anonymous class"),
            error(NESTED, "// [local-field]", Rule.AWAIT_IN_LOCAL_CLASS, "inside a local class"),
            error(NESTED, "// [local-method]", Rule.AWAIT_IN_LOCAL_CLASS, "inside a local class"),
            inLambda("// [lambda-in-anonymous]"),
            inLambda("// [nested-lambda]"),
            notAsync(NESTED, "// [nested-not-async]", "notAsyncInNested()"),
            notAsync(NESTED, "// [inner-not-async]", "deep()"),
            notAsync(NESTED, "// [local-in-plain-method]", "run()"));

    private static final List<Expected> RETURN_TYPE_ERRORS = List.of(
            returnType("// [void]", "AsyncReturnType.returnsVoid()", "void"),
            returnType("// [future]", "AsyncReturnType.returnsFuture()", "io.jasyncio.Future<java.lang.String>"),
            returnType("// [object]", "AsyncReturnType.returnsObject()", "java.lang.Object"),
            returnType("// [completable-future]", "AsyncReturnType.returnsCompletableFuture()",
                    "java.util.concurrent.CompletableFuture<java.lang.String>"),
            returnType("// [abstract-task]", "AsyncReturnType.returnsTask()", "io.jasyncio.Task<java.lang.String>"),
            error(RETURN_TYPE, "// [abstract-task]", Rule.ASYNC_WITHOUT_BODY, "AsyncReturnType.returnsTask() is abstract"));

    private static final List<Expected> NO_BODY_ERRORS = List.of(
            error(NO_BODY, "// [abstract]", Rule.ASYNC_WITHOUT_BODY, "AsyncWithoutBody.abstractMethod() is abstract,"),
            error(NO_BODY, "// [native]", Rule.ASYNC_WITHOUT_BODY, "AsyncWithoutBody.nativeMethod() is native"),
            error(NO_BODY, "// [interface]", Rule.ASYNC_WITHOUT_BODY,
                    "Service.interfaceMethod() is abstract (an interface method without a body)"));

    private static final List<Expected> SYNCHRONIZED_ERRORS = List.of(
            error(SYNCHRONIZED, "// [in-synchronized]", Rule.AWAIT_IN_SYNCHRONIZED, "use an asyncio Lock"),
            error(SYNCHRONIZED, "// [nested-in-synchronized]", Rule.AWAIT_IN_SYNCHRONIZED, "use an asyncio Lock"),
            error(SYNCHRONIZED, "// [lambda-in-synchronized]", Rule.AWAIT_IN_SYNCHRONIZED, "use an asyncio Lock"));

    private static final List<Expected> ASYNC_CLOSE_ERRORS = List.of(
            error(ASYNC_CLOSE, "// [outside-async]", Rule.ASYNC_CLOSE, "io.jasyncio.TaskGroup is an AsyncCloseable"),
            error(ASYNC_CLOSE, "// [plain-lambda]", Rule.ASYNC_CLOSE, "io.jasyncio.TaskGroup is an AsyncCloseable"),
            error(ASYNC_CLOSE, "// [same-line]", Rule.ASYNC_CLOSE, "put it on a line of its own"));

    @Test
    void anAsyncGeneratorEndsWithEndAndReturnsNothingElse() {
        assertErrors(compile(GENERATORS), List.of(
                error(GENERATORS, "// [generator-return]", Rule.GENERATOR_RETURN, "ends with return end();"),
                error(GENERATORS, "// [generator-null]", Rule.GENERATOR_RETURN, "ends with return end();")));
    }

    @Test
    void tryWithResourcesOnAnAsyncCloseableOnlyWhereItsCloseCanBeAwaited() {
        assertErrors(compile(ASYNC_CLOSE), ASYNC_CLOSE_ERRORS);
    }

    @Test
    void awaitOutsideAnAsyncMethodIsAnError() {
        assertErrors(compile(OUTSIDE), OUTSIDE_ERRORS);
    }

    @Test
    void awaitInLambdaAnonymousOrLocalClassIsAnErrorOncePerCallInNestedClassesToo() {
        assertErrors(compile(NESTED), NESTED_ERRORS);
    }

    @Test
    void asyncMethodMustReturnCoroutineRawOrWildcardAccepted() {
        assertErrors(compile(RETURN_TYPE), RETURN_TYPE_ERRORS);
    }

    @Test
    void asyncMethodMustHaveABody() {
        assertErrors(compile(NO_BODY), NO_BODY_ERRORS);
    }

    @Test
    void awaitInsideSynchronizedBlockIsAnErrorButNotInTheLockExpression() {
        assertErrors(compile(SYNCHRONIZED), SYNCHRONIZED_ERRORS);
    }

    @Test
    void allFixturesTogetherReportEachErrorOnce() {
        List<Expected> all = Stream.of(OUTSIDE_ERRORS, NESTED_ERRORS, RETURN_TYPE_ERRORS, NO_BODY_ERRORS,
                        SYNCHRONIZED_ERRORS)
                .flatMap(List::stream)
                .toList();
        assertErrors(compile(OUTSIDE, NESTED, RETURN_TYPE, NO_BODY, SYNCHRONIZED, VALID), all);
    }

    @Test
    void validCoroutinesHaveNoValidatorErrors() {
        Compilation compilation = compile(VALID);
        List<String> validatorErrors = compilation.errors().stream()
                .map(d -> d.getMessage(Locale.ROOT))
                .filter(AsyncValidatorTest::isValidatorMessage)
                .toList();
        assertEquals(List.of(), validatorErrors);
    }

    /** Any of jasyncio's messages: the valid fixtures must have none. */
    private static boolean isValidatorMessage(String message) {
        return message.startsWith("[jasyncio:");
    }

    private static Compilation compile(String... fixtures) {
        JavaFileObject[] files = Stream.of(fixtures).map(JavaFileObjects::forResource).toArray(JavaFileObject[]::new);
        return Compiler.javac().withProcessors(new AsyncProcessor()).compile(files);
    }

    /**
     * Each expected error is there, with its rule id and fragment, in its file on its line; and
     * the validator reported nothing else and nothing twice (the invalid fixtures have no other
     * errors).
     */
    private static void assertErrors(Compilation compilation, List<Expected> expected) {
        List<String> wanted = new ArrayList<>();
        for (Expected e : expected) {
            JavaFileObject file = source(compilation, e.file());
            assertThat(compilation).hadErrorContaining(e.fragment()).inFile(file).onLineContaining(e.marker());
            wanted.add(file.toUri() + ":" + lineOf(file, e.marker()) + ": [jasyncio:" + e.rule().id() + "]");
        }
        List<String> actual = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
            String message = d.getMessage(Locale.ROOT);
            actual.add((d.getSource() == null ? "?" : d.getSource().toUri()) + ":" + d.getLineNumber() + ": "
                    + message.substring(0, message.indexOf(']') + 1));
        }
        wanted.sort(null);
        actual.sort(null);
        assertEquals(String.join("\n", wanted), String.join("\n", actual));
        assertThat(compilation).hadErrorCount(expected.size());
    }

    private static JavaFileObject source(Compilation compilation, String fixture) {
        return compilation.sourceFiles().stream()
                .filter(f -> f.toUri().getPath().endsWith("/" + fixture))
                .findFirst()
                .orElseThrow(() -> new AssertionError("not compiled: " + fixture));
    }

    private static long lineOf(JavaFileObject file, String marker) {
        String[] lines;
        try {
            lines = file.getCharContent(false).toString().split("\n", -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long found = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                assertTrue(found < 0, () -> "marker " + marker + " is on more than one line of " + file.getName());
                found = i + 1;
            }
        }
        assertTrue(found > 0, () -> "marker " + marker + " not found in " + file.getName());
        return found;
    }
}
