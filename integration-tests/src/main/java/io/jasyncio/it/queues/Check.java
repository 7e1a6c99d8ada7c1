package io.jasyncio.it.queues;

import java.util.Objects;

/** unittest's assertions for {@code @Async} scenarios, which live outside the test classpath. */
final class Check {
    private Check() {}

    static void equal(Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError("expected <" + expected + "> but was <" + actual + ">");
        }
    }

    static void isTrue(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("expected true: " + what);
        }
    }

    static void isFalse(boolean condition, String what) {
        if (condition) {
            throw new AssertionError("expected false: " + what);
        }
    }
}
