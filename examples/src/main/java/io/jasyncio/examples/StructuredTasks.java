package io.jasyncio.examples;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.ExceptionGroup;
import io.jasyncio.Task;
import io.jasyncio.TaskGroup;

/**
 * Structured concurrency with a {@link TaskGroup} in try-with-resources, asyncio's
 * {@code async with TaskGroup()}: the end of the block waits for the children; when one
 * fails, the others are cancelled and the failures come out together.
 *
 * <pre>
 * fetched /a and /b together: page /a, page /b
 * /slow cancelled
 * the group failed: [java.lang.IllegalStateException: /broken is down]
 * </pre>
 */
public final class StructuredTasks {
    private StructuredTasks() {}

    @Async
    static Coroutine<String> fetch(String path, double seconds) {
        try {
            await(sleep(seconds));
        } catch (CancelledError cancelled) {
            System.out.println(path + " cancelled");
            throw cancelled;
        }
        if (path.equals("/broken")) {
            throw new IllegalStateException(path + " is down");
        }
        return result("page " + path);
    }

    @Async
    static Coroutine<Void> main() {
        Task<String> a;
        Task<String> b;
        try (TaskGroup group = new TaskGroup()) {
            a = group.createTask(fetch("/a", 0.02));
            b = group.createTask(fetch("/b", 0.01));
        } // both are done here
        System.out.println("fetched /a and /b together: " + a.result() + ", " + b.result());

        try {
            try (TaskGroup group = new TaskGroup()) {
                group.createTask(fetch("/slow", 10));
                group.createTask(fetch("/broken", 0.01)); // fails, and /slow is cancelled
            }
        } catch (ExceptionGroup failed) {
            System.out.println("the group failed: " + failed.exceptions());
        }
        return result();
    }

    public static void main(String[] args) {
        Asyncio.run(main());
    }
}
