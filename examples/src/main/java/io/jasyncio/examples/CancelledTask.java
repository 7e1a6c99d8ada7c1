package io.jasyncio.examples;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Asyncio;
import io.jasyncio.Async;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;

/**
 * asyncio's "cancel a task" example: the task catches the CancelledError at its await,
 * cleans up, and lets it go on; the main coroutine sees the task cancelled.
 *
 * <pre>
 * cancel_me(): before sleep
 * cancel_me(): cancel sleep
 * cancel_me(): after sleep
 * main(): cancel_me is cancelled now
 * </pre>
 */
public final class CancelledTask {
    private CancelledTask() {}

    @Async
    static Coroutine<Void> cancelMe() {
        System.out.println("cancel_me(): before sleep");
        try {
            await(sleep(3600));
        } catch (CancelledError e) {
            System.out.println("cancel_me(): cancel sleep");
            throw e;
        } finally {
            System.out.println("cancel_me(): after sleep");
        }
        return result();
    }

    @Async
    static Coroutine<Void> main() {
        Task<Void> task = createTask(cancelMe());
        await(sleep(0.1));
        task.cancel();
        try {
            await(task);
        } catch (CancelledError e) {
            System.out.println("main(): cancel_me is cancelled now");
        }
        return result();
    }

    public static void main(String[] args) {
        Asyncio.run(main());
    }
}
