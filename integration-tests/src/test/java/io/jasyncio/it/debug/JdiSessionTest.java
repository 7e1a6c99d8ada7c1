package io.jasyncio.it.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link JdiSession} on plain Java: breakpoints, steps and inspection of a child JVM running {@link Target}. */
class JdiSessionTest {

    private static final Path SOURCE = Path.of("src/test/java/io/jasyncio/it/debug/JdiSessionTest.java");
    private static final String TARGET = Target.class.getName();

    /** The debuggee. Its marked lines are found by {@link JdiSession#lineOf}; keep each marker on its statement. */
    static class Target {
        private final String greeting;

        Target(String greeting) {
            this.greeting = greeting;
        }

        public static void main(String[] args) {
            int count = 41; // @line:count
            String label = "answer"; // @line:label
            count = helper(count); // @line:callHelper
            Target target = new Target("hello"); // @line:newTarget
            String text = target.describe(label, count); // @line:callDescribe
            System.out.println(text); // @line:print
        }

        static int helper(int value) {
            int next = value + 1; // @line:helperFirst
            return next;
        }

        String describe(String label, int value) {
            return greeting + " " + label + "=" + value; // @line:describe
        }
    }

    private static int line(String marker) {
        return JdiSession.lineOf(SOURCE, marker);
    }

    /** Target lives in io.jasyncio.it, which the default exclusion io.jasyncio.* would skip: exclude the JDK only. */
    private static JdiSession launchTarget() {
        return JdiSession.launch(TARGET).stepExclusions(JdiSession.JDK_STEP_EXCLUSIONS);
    }

    @Test
    void breakpointStopsOnTheLineWithItsLocals() {
        try (JdiSession session = launchTarget()) {
            session.runTo(TARGET, line("callHelper"));
            assertEquals("main", session.method());
            assertEquals(line("callHelper"), session.line());
            assertEquals(TARGET, session.className());
            assertFalse(session.methodIsSynthetic());
            assertEquals(Map.of("args", "java.lang.String[]", "count", "41", "label", "answer"), session.locals());
            assertEquals(Map.of("args", "java.lang.String[]"), session.arguments());
            assertNull(session.thisObject());
        }
    }

    @Test
    void stepOverGoesToTheNextLine() {
        try (JdiSession session = launchTarget()) {
            session.runTo(TARGET, line("count"));
            assertEquals(Map.of("args", "java.lang.String[]"), session.locals());
            session.stepOver();
            assertEquals(line("label"), session.line());
            assertEquals("41", session.locals().get("count"));
            session.stepOver();
            assertEquals(line("callHelper"), session.line());
            assertEquals("answer", session.locals().get("label"));
            session.stepOver(); // over the call of helper
            assertEquals(line("newTarget"), session.line());
            assertEquals("main", session.method());
            assertEquals("42", session.locals().get("count"));
        }
    }

    @Test
    void stepIntoStopsOnTheFirstLineOfTheCalledMethod() {
        try (JdiSession session = launchTarget()) {
            session.runTo(TARGET, line("callHelper"));
            int mainDepth = session.frameCount();
            session.stepInto();
            assertEquals("helper", session.method());
            assertEquals(line("helperFirst"), session.line());
            assertEquals(Map.of("value", "41"), session.arguments());
            assertEquals(mainDepth + 1, session.frameCount());
            session.stepOut(); // back in main, in the middle of the line of the call
            assertEquals("main", session.method());
            assertEquals(line("callHelper"), session.line());
            session.stepOver();
            assertEquals(line("newTarget"), session.line());
            assertEquals("42", session.locals().get("count"));
        }
    }

    @Test
    void thisObjectOfAnInstanceMethodSeesItsField() {
        try (JdiSession session = launchTarget()) {
            session.runTo(TARGET, line("describe"));
            assertEquals("describe", session.method());
            assertNotNull(session.thisObject());
            assertEquals(TARGET, session.thisObject().referenceType().name());
            assertEquals("hello", session.fieldOfThis("greeting"));
            assertEquals(Map.of("label", "answer", "value", "42"), session.arguments());
            assertEquals(Map.of("label", "answer", "value", "42"), session.locals());
            assertThrows(AssertionError.class, () -> session.fieldOfThis("noSuchField"));
        }
    }

    @Test
    void theChildRunsToItsEndAndNothingIsLeftRunning() {
        JdiSession session = launchTarget();
        ProcessHandle child;
        try (session) {
            child = session.process().toHandle();
            session.runTo(TARGET, line("print"));
            assertEquals("", session.stdout());
            assertEquals(0, session.resumeToEnd());
            assertEquals("hello answer=42" + System.lineSeparator(), session.stdout());
            assertFalse(child.isAlive());
            AssertionError stepAfterEnd = assertThrows(AssertionError.class, session::stepOver);
            assertTrue(stepAfterEnd.getMessage().contains("ended"), stepAfterEnd.getMessage());
        }
        assertFalse(child.isAlive());
    }

    @Test
    void closeKillsAChildStillStoppedAtABreakpoint() {
        ProcessHandle child;
        try (JdiSession session = launchTarget()) {
            child = session.process().toHandle();
            session.runTo(TARGET, line("callDescribe"));
            assertTrue(child.isAlive());
        }
        assertFalse(child.isAlive());
    }

    @Test
    void aStepThatOutlivesTheProgramFailsClearly() {
        try (JdiSession session = launchTarget()) {
            session.runTo(TARGET, line("print"));
            session.stepOver();
            // The line after the last statement: the closing brace of main, its return.
            AssertionError error = assertThrows(AssertionError.class, session::stepOut);
            assertTrue(error.getMessage().contains("the program ended (exit code 0) before step out from "),
                    error.getMessage());
            assertTrue(error.getMessage().contains("hello answer=42"), error.getMessage());
        }
    }

    @Test
    void aLineWithoutCodeFailsClearly() {
        try (JdiSession session = launchTarget()) {
            AssertionError error = assertThrows(AssertionError.class, () -> session.runTo(TARGET, line("count") - 1));
            assertTrue(error.getMessage().contains("no code at line"), error.getMessage());
        }
    }
}
