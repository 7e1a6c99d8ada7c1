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
 * error is asserted with its whole message, its file and its line, and every fixture's errors
 * are asserted to be exactly the expected ones, each reported once.
 */
class AsyncValidatorTest {
    private static final String OUTSIDE = "fixtures/AwaitOutsideAsync.java";
    private static final String NESTED = "fixtures/AwaitInNestedCode.java";
    private static final String RETURN_TYPE = "fixtures/AsyncReturnType.java";
    private static final String NO_BODY = "fixtures/AsyncWithoutBody.java";
    private static final String SYNCHRONIZED = "fixtures/AwaitInSynchronized.java";
    private static final String VALID = "fixtures/ValidCoroutines.java";

    // Rule 1: where await() may be called.
    private static final String IN_LAMBDA_OF_ASYNC = "[jasyncio] await() is not allowed inside a lambda, even within"
            + " an @Async method: the lambda body is a separate method that the rewrite cannot suspend. Await in the"
            + " @Async method itself and use the result in the lambda, or move the lambda's work into an @Async"
            + " method and await the coroutine it returns.";
    private static final String IN_LAMBDA = "[jasyncio] await() is not allowed inside a lambda: the lambda body is a"
            + " separate method that the rewrite cannot suspend. Call await(...) directly in the body of an @Async"
            + " method.";
    private static final String IN_CONSTRUCTOR = "[jasyncio] await() is not allowed in a constructor: a constructor"
            + " cannot be @Async, so it cannot suspend. Do the awaiting in an @Async method (for example a static"
            + " @Async factory method returning Coroutine<T>) and pass the results to the constructor.";
    private static final String METHOD_REFERENCE = "[jasyncio] await() cannot be used as a method reference"
            + " (Asyncio::await): the reference is a separate function that the rewrite cannot suspend, and it would"
            + " throw when called. Call await(...) directly in the body of an @Async method instead.";
    // Rule 4.
    private static final String IN_SYNCHRONIZED = "[jasyncio] await() inside synchronized would suspend while holding"
            + " the monitor: the task gives up the thread with the lock still held, and resumes later, possibly on"
            + " another thread. Move the await out of the synchronized block, or use an asyncio Lock"
            + " (await(lock.acquire()), then lock.release() in a finally block).";

    private static String notAsync(String method) {
        return "[jasyncio] await() is only allowed directly in the body of an @Async method, and " + method
                + " is not @Async: annotate it with @Async and declare it to return Coroutine<T> (ending with"
                + " return result(value);), or move the await into an @Async method.";
    }

    private static String inInitializer(String which) {
        return "[jasyncio] await() is not allowed in " + which + ": only the body of an @Async method can suspend."
                + " Move the await into an @Async method.";
    }

    private static String inClass(String which) {
        return "[jasyncio] await() is not allowed inside " + which + ", even within an @Async method: its methods"
                + " are separate methods that the rewrite of the enclosing @Async method cannot suspend. Await in the"
                + " @Async method itself and pass the result in, or declare the method that awaits @Async (returning"
                + " Coroutine<T>) and await the coroutine it returns from the @Async method.";
    }

    // Rule 2.
    private static String returnType(String method, String type) {
        return "[jasyncio] @Async method " + method + " must return io.jasyncio.Coroutine<T>, not " + type
                + ": declare it as Coroutine<T> (Coroutine<Void> when there is no value) and end it with"
                + " return result(value);";
    }

    // Rule 3.
    private static String isAbstract(String method) {
        return "[jasyncio] @Async method " + method + " is abstract, but an @Async method needs a body to be"
                + " rewritten into a coroutine: give it a body, or remove @Async here and put it on the methods that"
                + " implement it.";
    }

    private static final String INTERFACE_WITHOUT_BODY = "[jasyncio] @Async method Service.interfaceMethod() is"
            + " abstract (an interface method without a body), but an @Async method needs a body to be rewritten"
            + " into a coroutine: give it a body (a default method), or remove @Async here and put it on the methods"
            + " that implement it.";
    private static final String NATIVE = "[jasyncio] @Async method AsyncWithoutBody.nativeMethod() is native, but an"
            + " @Async method needs a Java body to be rewritten into a coroutine: give it a body, or remove @Async.";

    /** One expected error: its whole message, on the only line of {@code file} containing {@code marker}. */
    private record Expected(String file, String marker, String message) {}

    private static final List<Expected> OUTSIDE_ERRORS = List.of(
            new Expected(OUTSIDE, "// [field]", inInitializer("a field initializer")),
            new Expected(OUTSIDE, "// [static-block]", inInitializer("a static initializer block")),
            new Expected(OUTSIDE, "// [instance-block]", inInitializer("an instance initializer block")),
            new Expected(OUTSIDE, "// [constructor]", IN_CONSTRUCTOR),
            new Expected(OUTSIDE, "// [plain-static-import]", notAsync("plainMethod()")),
            new Expected(OUTSIDE, "// [plain-qualified]", notAsync("qualified()")),
            new Expected(OUTSIDE, "// [plain-completion-stage]",
                    notAsync("completionStage(java.util.concurrent.CompletableFuture<java.lang.String>)")),
            new Expected(OUTSIDE, "// [lambda-outside-async]", IN_LAMBDA),
            new Expected(OUTSIDE, "// [method-reference]", METHOD_REFERENCE));

    private static final List<Expected> NESTED_ERRORS = List.of(
            new Expected(NESTED, "// [lambda]", IN_LAMBDA_OF_ASYNC),
            new Expected(NESTED, "// [anonymous]", inClass("an anonymous class")),
            new Expected(NESTED, "// [local-field]", inClass("a local class")),
            new Expected(NESTED, "// [local-method]", inClass("a local class")),
            new Expected(NESTED, "// [lambda-in-anonymous]", IN_LAMBDA_OF_ASYNC),
            new Expected(NESTED, "// [nested-lambda]", IN_LAMBDA_OF_ASYNC),
            new Expected(NESTED, "// [nested-not-async]", notAsync("notAsyncInNested()")),
            new Expected(NESTED, "// [inner-not-async]", notAsync("deep()")),
            new Expected(NESTED, "// [local-in-plain-method]", notAsync("run()")));

    private static final List<Expected> RETURN_TYPE_ERRORS = List.of(
            new Expected(RETURN_TYPE, "// [void]", returnType("AsyncReturnType.returnsVoid()", "void")),
            new Expected(RETURN_TYPE, "// [future]",
                    returnType("AsyncReturnType.returnsFuture()", "io.jasyncio.Future<java.lang.String>")),
            new Expected(RETURN_TYPE, "// [object]", returnType("AsyncReturnType.returnsObject()", "java.lang.Object")),
            new Expected(RETURN_TYPE, "// [completable-future]", returnType(
                    "AsyncReturnType.returnsCompletableFuture()",
                    "java.util.concurrent.CompletableFuture<java.lang.String>")),
            new Expected(RETURN_TYPE, "// [abstract-task]",
                    returnType("AsyncReturnType.returnsTask()", "io.jasyncio.Task<java.lang.String>")),
            new Expected(RETURN_TYPE, "// [abstract-task]", isAbstract("AsyncReturnType.returnsTask()")));

    private static final List<Expected> NO_BODY_ERRORS = List.of(
            new Expected(NO_BODY, "// [abstract]", isAbstract("AsyncWithoutBody.abstractMethod()")),
            new Expected(NO_BODY, "// [native]", NATIVE),
            new Expected(NO_BODY, "// [interface]", INTERFACE_WITHOUT_BODY));

    private static final List<Expected> SYNCHRONIZED_ERRORS = List.of(
            new Expected(SYNCHRONIZED, "// [in-synchronized]", IN_SYNCHRONIZED),
            new Expected(SYNCHRONIZED, "// [nested-in-synchronized]", IN_SYNCHRONIZED));

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

    /** The shapes of the validator's messages (the bytecode pass reports "cannot rewrite ..."). */
    private static boolean isValidatorMessage(String message) {
        return message.startsWith("[jasyncio] await()")
                || message.matches("(?s)\\[jasyncio\\] @Async method \\S+ (must return|is abstract|is native).*");
    }

    private static Compilation compile(String... fixtures) {
        JavaFileObject[] files = Stream.of(fixtures).map(JavaFileObjects::forResource).toArray(JavaFileObject[]::new);
        return Compiler.javac().withProcessors(new AsyncProcessor()).compile(files);
    }

    /**
     * Each expected error is there, whole, in its file on its line; and the validator reported
     * nothing else and nothing twice (the invalid fixtures have no other errors).
     */
    private static void assertErrors(Compilation compilation, List<Expected> expected) {
        List<String> wanted = new ArrayList<>();
        for (Expected e : expected) {
            JavaFileObject file = source(compilation, e.file());
            assertThat(compilation).hadErrorContaining(e.message()).inFile(file).onLineContaining(e.marker());
            wanted.add(file.toUri() + ":" + lineOf(file, e.marker()) + ": " + e.message());
        }
        List<String> actual = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
            actual.add((d.getSource() == null ? "?" : d.getSource().toUri()) + ":" + d.getLineNumber() + ": "
                    + d.getMessage(Locale.ROOT));
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
