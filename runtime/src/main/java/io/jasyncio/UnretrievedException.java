package io.jasyncio;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Locale;

/**
 * Reports a future's exception that nobody retrieved: asyncio's "Future exception was never
 * retrieved" / "Task exception was never retrieved", once, at the first of two moments: when
 * the future is garbage-collected, or when its loop closes (so a program that ends before a
 * collection still hears of it).
 *
 * <p>Armed by {@link Future#setException}, disarmed by {@code result()}, {@code exception()}
 * or an await. The collector's report runs on the cleaner's thread, so it must not (and does
 * not) refer to the future itself; it hands the report to the loop's thread, or calls the
 * handler directly if the loop is already closed. Its loop keeps the armed watches until they
 * are disarmed or reported, for the report at close; whichever of the three comes first wins.
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
    /** Set once: retrieved, or reported. Read and set under this object's lock. */
    private boolean settled;
    private Cleaner.Cleanable cleanable;

    /** Where the future was created, in debug mode; else empty. */
    private final List<StackTraceElement> createdAt;

    private UnretrievedException(EventLoop loop, Throwable exception, String kind, String description,
                                 List<StackTraceElement> createdAt) {
        this.loop = loop;
        this.exception = exception;
        this.kind = kind;
        this.description = description;
        this.createdAt = createdAt;
    }

    static UnretrievedException watch(Future<?> future, Throwable exception) {
        UnretrievedException watch = new UnretrievedException(future.loop, exception, future.kind(),
                future.toString(), CreationSites.of(future));
        watch.cleanable = CLEANER.register(future, watch);
        future.loop.unretrievedArmed(watch);
        return watch;
    }

    /** The exception was seen: never report it, and stop watching. */
    void retrieved() {
        if (settle()) {
            loop.unretrievedSettled(this);
        }
        cleanable.clean();
    }

    /** The loop is closing: report it now if nobody has seen it (the collector then finds it settled). */
    void reportAtClose() {
        if (settle()) {
            loop.callExceptionHandler(context());
        }
        cleanable.clean();
    }

    /** The future was collected. */
    @Override
    public void run() {
        if (settle()) {
            loop.unretrievedSettled(this);
            loop.reportFromAnyThread(context());
        }
    }

    /** True for the first caller only. */
    private synchronized boolean settle() {
        if (settled) {
            return false;
        }
        settled = true;
        return true;
    }

    private ExceptionContext context() {
        ExceptionContext context = ExceptionContext.of(kind + " exception was never retrieved", exception)
                .with(kind.toLowerCase(Locale.ROOT), description);
        if (!createdAt.isEmpty()) {
            context = context.with("created_at", createdAt.get(0)).with("source_traceback", createdAt);
        }
        return context;
    }
}
