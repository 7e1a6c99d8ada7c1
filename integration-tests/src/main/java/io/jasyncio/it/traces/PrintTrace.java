package io.jasyncio.it.traces;

import io.jasyncio.Asyncio;

/**
 * Runs {@link AsyncTraces#main(boolean)} with a real suspension and prints the failure's stack
 * trace, as a user's program would: run in a child JVM by the tests (with and without
 * {@code -Djasyncio.asyncStackTraces=false}).
 */
public final class PrintTrace {
    private PrintTrace() {}

    public static void main(String[] args) {
        try {
            Asyncio.run(AsyncTraces.main(true));
        } catch (IllegalStateException e) {
            e.printStackTrace(System.out);
        }
    }
}
