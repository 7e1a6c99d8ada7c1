package io.jasyncio.examples;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Asyncio;
import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;

/**
 * A task that computes a value while the main coroutine goes on, then is awaited for it.
 *
 * <pre>
 * main: started the task
 * factorial(5): step 1 ... step 5
 * main: factorial(5) = 120
 * </pre>
 */
public final class TaskReturningValue {
    private TaskReturningValue() {}

    @Async
    static Coroutine<Long> factorial(int n) {
        long product = 1;
        StringBuilder steps = new StringBuilder("factorial(" + n + "):");
        for (int i = 1; i <= n; i++) {
            await(sleep(0.01));
            product *= i;
            steps.append(" step ").append(i);
        }
        System.out.println(steps);
        return result(product);
    }

    @Async
    static Coroutine<Void> main() {
        Task<Long> task = createTask(factorial(5));
        System.out.println("main: started the task");
        long value = await(task);
        System.out.println("main: factorial(5) = " + value);
        return result();
    }

    public static void main(String[] args) {
        Asyncio.run(main());
    }
}
