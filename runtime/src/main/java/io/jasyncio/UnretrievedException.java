package io.jasyncio;

import java.lang.ref.Cleaner;
import java.util.Locale;

/**
 * Reports a future's exception that nobody retrieved, when the future is garbage-collected:
 * asyncio's "Future exception was never retrieved" / "Task exception was never retrieved".
 *
 * <p>Armed by {@link Future#setException}, disarmed by {@code result()}, {@code exception()}
 * or an await. It runs on the cleaner's thread, so it must not (and does not) refer to the
 * future itself; it hands the report to the loop's thread, or calls the handler directly if
 * the loop is already closed.
 */
final class UnretrievedException implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create(task -> {
        Thread thread = new Thread(task, "jasyncio-unretrieved-exceptions");
        thread.setDaemon(true);
        return thread;
    });

    private final EventLoop loop;
    private final Throwable exception;
    private final String kind;
    private final String description;
    private volatile boolean retrieved;
    private Cleaner.Cleanable cleanable;

    private UnretrievedException(EventLoop loop, Throwable exception, String kind, String description) {
        this.loop = loop;
        this.exception = exception;
        this.kind = kind;
        this.description = description;
    }

    static UnretrievedException watch(Future<?> future, Throwable exception) {
        UnretrievedException watch =
                new UnretrievedException(future.loop, exception, future.kind(), future.toString());
        watch.cleanable = CLEANER.register(future, watch);
        return watch;
    }

    /** The exception was seen: never report it, and stop watching. */
    void retrieved() {
        retrieved = true;
        cleanable.clean();
    }

    @Override
    public void run() {
        if (!retrieved) {
            loop.reportFromAnyThread(ExceptionContext.of(kind + " exception was never retrieved", exception)
                    .with(kind.toLowerCase(Locale.ROOT), description));
        }
    }
}
