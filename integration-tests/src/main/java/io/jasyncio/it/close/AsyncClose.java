package io.jasyncio.it.close;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.AsyncCloseable;
import io.jasyncio.AsyncSupplier;
import io.jasyncio.Awaitable;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.TaskGroup;
import java.util.ArrayList;
import java.util.List;

/** try-with-resources on resources whose close is awaited, on every way out of the block. */
public final class AsyncClose {
    /** What happened, in order. */
    public final List<String> log = new ArrayList<>();

    /** A resource whose close suspends for real, and may fail. */
    public final class Resource implements AsyncCloseable {
        private final String name;
        private final boolean failsToClose;

        public Resource(String name, boolean failsToClose) {
            this.name = name;
            this.failsToClose = failsToClose;
            log.add("open " + name);
        }

        @Override
        public Coroutine<Void> aclose() {
            return closing(null);
        }

        @Override
        public Awaitable<Void> aclose(Throwable failure) {
            return closing(failure);
        }

        @Async
        private Coroutine<Void> closing(Throwable failure) {
            await(sleep(1));
            log.add("closed " + name + (failure != null ? " after " + failure.getMessage() : ""));
            if (failsToClose) {
                throw new IllegalStateException("close of " + name + " failed");
            }
            return result();
        }
    }

    public Resource open(String name) {
        return new Resource(name, false);
    }

    @Async
    public Coroutine<String> normal() {
        try (Resource a = open("a"); Resource b = open("b")) {
            log.add("body");
            await(sleep(1));
        }
        log.add("after");
        return result("done");
    }

    @Async
    public Coroutine<String> returnsFromInside() {
        try (Resource a = open("a")) {
            log.add("body");
            return result("returned");
        }
    }

    @Async
    public Coroutine<String> bodyFails(boolean closeFailsToo) {
        try (Resource a = new Resource("a", closeFailsToo)) {
            log.add("body");
            throw new IllegalArgumentException("body failed");
        }
    }

    @Async
    public Coroutine<String> closeFails() {
        try (Resource a = new Resource("a", true)) {
            log.add("body");
        }
        return result("unreachable");
    }

    @Async
    public Coroutine<Integer> loop() {
        int bodies = 0;
        for (int i = 0; i < 4; i++) {
            try (Resource r = open("r" + i)) {
                if (i == 1) {
                    continue;
                }
                if (i == 3) {
                    break;
                }
                bodies++;
            }
        }
        return result(bodies);
    }

    /** A lambda whose only wait is the close. */
    public AsyncSupplier<String> lambda() {
        return () -> {
            try (Resource r = open("lambda")) {
                log.add("lambda body");
            }
            return result("lambda done");
        };
    }

    /** A task group: the end of the block waits for the children, as asyncio's async with does. */
    @Async
    public Coroutine<List<String>> group() {
        Task<String> a;
        Task<String> b;
        try (TaskGroup group = new TaskGroup()) {
            a = group.createTask(sleep(2, "a"));
            b = group.createTask(sleep(1, "b"));
            log.add("body done");
        }
        return result(List.of(a.result(), b.result()));
    }

    /** A task group whose block fails: the children are cancelled, then the failure comes out. */
    @Async
    public Coroutine<String> groupBodyFails(List<Task<String>> children) {
        try (TaskGroup group = new TaskGroup()) {
            children.add(group.createTask(sleep(100, "never")));
            await(sleep(1));
            throw new IllegalStateException("body failed");
        }
    }
}
