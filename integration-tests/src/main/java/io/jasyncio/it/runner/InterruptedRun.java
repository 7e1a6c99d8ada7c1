package io.jasyncio.it.runner;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Runner;

/** A program that waits forever in a Runner until Ctrl-C: the Runner test sends it SIGINT. */
public final class InterruptedRun {
    private InterruptedRun() {}

    @Async
    static Coroutine<String> waitForever() {
        System.out.println("ready");
        System.out.flush();
        try {
            await(Asyncio.getRunningLoop().createFuture());
            return result("woken");
        } finally {
            System.out.println("finally ran");
        }
    }

    public static void main(String[] args) {
        try (Runner runner = new Runner()) {
            runner.run(waitForever());
            System.out.println("not interrupted");
        } catch (CancelledError e) {
            System.out.println("cancelled by SIGINT");
        }
    }
}
