package io.jasyncio.it.traces;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;

/** Drops a coroutine on a loop in debug mode: docs/DEBUGGING.md shows what the loop reports. */
public final class NeverAwaitedDemo {
    private NeverAwaitedDemo() {}

    public static void main(String[] args) {
        try (EventLoop loop = EventLoop.newEventLoop()) {
            loop.setDebug(true);
            Future<Integer> ready = loop.createFuture();
            ready.setResult(1);
            loop.runUntilComplete(AsyncTraces.dropOne(ready));
        }
    }
}
