package io.jasyncio.it.traces;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;

/**
 * The program docs/DEBUGGING.md shows the output of: run it with {@code -Djasyncio.debug=true}
 * (and {@code -XX:StartFlightRecording=filename=rec.jfr} for the recording). A task hogs the
 * loop for a fifth of a second, another fails and nobody looks at its exception, and a third
 * is printed while it waits.
 */
public final class DebugDemo {
    private DebugDemo() {}

    @Async
    static Coroutine<Void> main() {
        Task<Long> hog = createTask(busy(200));
        Task<Void> doomed = createTask(fail());
        Task<Integer> waiter = createTask(AsyncTraces.waitOn(Asyncio.getRunningLoop().createFuture()), "waiter");
        await(sleep(0.3));
        System.out.println(waiter);
        System.out.println(hog.result() > 0 && doomed.done() ? "done" : "?");
        return result();
    }

    @Async
    static Coroutine<Long> busy(int millis) {
        await(sleep(0.01));
        long end = System.nanoTime() + millis * 1_000_000L;
        long spins = 0;
        while (System.nanoTime() < end) {
            spins++;
        }
        return result(spins);
    }

    @Async
    static Coroutine<Void> fail() {
        await(sleep(0.01));
        throw new IllegalStateException("nobody will look at this");
    }

    public static void main(String[] args) {
        Asyncio.run(main());
    }
}
