package io.jasyncio.it.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.debuggee.Orders;
import java.io.File;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A debugger on {@code @Async} code, driven through JDI in a child JVM as an IDE drives it,
 * with {@code io.jasyncio.*} and the JDK step-filtered: breakpoints before and after real
 * suspensions, the variables it lists and their values, {@code this}, and stepping.
 */
class AsyncDebuggerTest {
    private static final String ORDERS = Orders.class.getName();
    private static final Path SOURCE = Path.of("src/main/java/example/debuggee/Orders.java");

    private static int line(String marker) {
        return JdiSession.lineOf(SOURCE, marker);
    }

    private static JdiSession orders() {
        return JdiSession.launch(ORDERS);
    }

    @Test
    void beforeAnySuspensionTheMethodIsTheUsersAndThisIsTheReceiver() {
        try (JdiSession debug = orders()) {
            debug.runTo(ORDERS, line("price"));

            assertEquals("total", debug.method());
            assertFalse(debug.methodIsSynthetic(), "IDEs skip synthetic methods when stepping");
            assertNotNull(debug.thisObject(), "this is the receiver");
            assertEquals(ORDERS, debug.thisObject().referenceType().name());
            assertEquals("corner", debug.fieldOfThis("shop"));
            assertEquals("3", debug.locals().get("count"));
        }
    }

    @Test
    void afterARealSuspensionEveryListedVariableHoldsItsTrueValue() {
        try (JdiSession debug = orders()) {
            debug.runTo(ORDERS, line("after-sleep"));

            Map<String, String> locals = debug.locals();
            assertEquals("3", locals.get("count"));
            assertEquals("7", locals.get("price"));
            assertEquals("corner3", locals.get("label"));
            assertFalse(locals.containsKey("scratch"),
                    "scratch was not kept across the await, so it must not be shown (it would read 0): " + locals);
            assertEquals("corner", debug.fieldOfThis("shop"), "this is still the receiver after resuming");
            assertEquals("total", debug.method());
            assertEquals(Map.of("count", "3"), debug.arguments());
        }
    }

    @Test
    void stepOverAnAwaitOfACoroutineThatDoesNotSuspendStopsOnTheNextLine() {
        try (JdiSession debug = orders()) {
            debug.runTo(ORDERS, line("bonus-call"));

            debug.stepOver();

            assertEquals("total", debug.method());
            assertEquals(line("total-return"), debug.line());
            assertEquals("4", debug.locals().get("extra"));
            assertEquals("21", debug.locals().get("sum"));
        }
    }

    @Test
    void stepIntoACallOfAnAsyncMethodStopsOnTheCalleesFirstLine() {
        try (JdiSession debug = orders()) {
            debug.runTo(ORDERS, line("bonus-call"));

            debug.stepInto();

            assertEquals(ORDERS, debug.className());
            assertEquals("bonus", debug.method());
            assertEquals(line("bonus-first"), debug.line());
            assertNull(debug.thisObject(), "bonus is static");
            assertEquals(Map.of("n", "3"), debug.arguments(), "the parameter is an argument, shown at once");
            assertFalse(debug.locals().containsKey("b"), "b is not assigned yet");

            debug.stepOver();
            assertEquals("bonus", debug.method());
            assertEquals("3", debug.locals().get("n"));
            assertEquals("4", debug.locals().get("b"));
        }
    }

    @Test
    void inALambdaThatAwaitsTheVariablesAfterARealSuspensionHoldTheirValues() {
        try (JdiSession debug = orders()) {
            debug.runTo(ORDERS, line("lambda-after"));

            assertTrue(debug.method().startsWith("lambda$discount$"), debug.method());
            Map<String, String> locals = debug.locals();
            assertEquals("java.lang.Integer", locals.get("price"), "the boxed parameter, shown as an object: " + locals);
            assertEquals("50", locals.get("base"), locals.toString());
            assertEquals("20", locals.get("percent"), "the captured value: " + locals);
            debug.stepOver();
            assertEquals("10", debug.locals().get("cut"));
            assertEquals(0, debug.resumeToEnd());
            assertTrue(debug.stdout().contains("32 8 9 40"), debug.output());
        }
    }

    @Test
    void inAGeneratorEachValueResumesWithItsVariablesAndTheConsumerBelow() {
        try (JdiSession debug = orders()) {
            for (int i = 1; i <= 3; i++) {
                debug.runTo(ORDERS, line("after-emit"));

                Map<String, String> locals = debug.locals();
                assertEquals("squares", debug.method());
                assertFalse(debug.methodIsSynthetic());
                assertEquals(String.valueOf(i), locals.get("i"), locals.toString());
                assertEquals(String.valueOf(i * i), locals.get("square"), locals.toString());
                assertEquals(String.valueOf(sumOfSquaresBelow(i)), locals.get("total"), locals.toString());
                assertEquals(Map.of("count", "3"), debug.arguments());
                assertTrue(debug.stack().stream().anyMatch(frame -> frame.startsWith(ORDERS + ".sumOfSquares:"
                        + line("consume-while"))), "the consumer's await of hasNext is below: " + debug.stack());
            }
            assertEquals(0, debug.resumeToEnd());
            assertTrue(debug.stdout().contains("32 8 9 40 14"), debug.output());
        }
    }

    @Test
    void stepOverAnEmitGoesToTheConsumerWhichTakesTheValue() {
        try (JdiSession debug = orders()) {
            debug.runTo(ORDERS, line("emit"));
            assertEquals("1", debug.locals().get("square"));

            debug.stepOver();

            assertEquals("sumOfSquares", debug.method());
            assertEquals(line("consume-while"), debug.line(), "back where the consumer awaits hasNext");
            debug.runTo(ORDERS, line("consume"));
            assertEquals("0", debug.locals().get("sum"));
            debug.stepOver();
            assertEquals("1", debug.locals().get("sum"));
        }
    }

    @Test
    void inALoopWithTryFinallyEachResumedIterationShowsItsOwnValues() {
        try (JdiSession debug = orders()) {
            for (int round = 0; round < 3; round++) {
                debug.runTo(ORDERS, line("round-after"));

                Map<String, String> locals = debug.locals();
                assertEquals("rounds", debug.method());
                assertEquals(String.valueOf(round), locals.get("i"), locals.toString());
                assertEquals(String.valueOf(round * round), locals.get("square"), locals.toString());
                assertEquals(String.valueOf(sumOfSquaresBelow(round) + round), locals.get("total"), locals.toString());
                assertFalse(locals.containsKey("skipped"), "skipped is dead across the await: " + locals);
            }
            debug.runTo(ORDERS, line("round-finally"));
            assertTrue(debug.locals().containsKey("total"));
            assertEquals(0, debug.resumeToEnd());
            assertTrue(debug.stdout().contains("32 8 9"), debug.output());
        }
    }

    @Test
    void anAssignedParameterIsShownOnlyWhileItHoldsItsValue() {
        try (JdiSession debug = orders()) {
            debug.runTo(ORDERS, line("reassigned-after"));

            Map<String, String> locals = debug.locals();
            assertEquals("reassigned", debug.method());
            assertEquals("11", locals.get("m"));
            assertEquals("20", locals.get("left"), "a parameter live across the await keeps its value");
            assertFalse(locals.containsKey("n"),
                    "n was assigned and is dead across the await; after resuming its slot holds the argument 5, not 10: "
                            + locals);
        }
    }

    @Test
    void withTheDebugOptionEveryLocalInScopeIsKeptAndShown(@TempDir Path classes) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("java.class.path");
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null,
                List.of("-g", "-Ajasyncio.debug=true", "-d", classes.toString(), "-cp", classPath,
                        "-processorpath", classPath),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(SOURCE)).call();
        assertTrue(compiled, diagnostics.toString());

        try (JdiSession debug = JdiSession.launch(classes + File.pathSeparator + classPath, List.of(),
                Duration.ofSeconds(30), ORDERS)) {
            debug.runTo(ORDERS, line("after-sleep"));

            assertEquals("9", debug.locals().get("scratch"), "kept although dead: " + debug.locals());
            assertEquals("7", debug.locals().get("price"));
            assertEquals(0, debug.resumeToEnd());
            assertTrue(debug.stdout().contains("32 8 9"), debug.output());
        }
    }

    private static int sumOfSquaresBelow(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i * i;
        }
        return sum;
    }
}
