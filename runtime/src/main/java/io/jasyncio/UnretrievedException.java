package io.jasyncio;

import java.util.List;
import java.util.Locale;

/**
 * Reports a future's exception that nobody retrieved: asyncio's "Future exception was never
 * retrieved" / "Task exception was never retrieved", once, at the first of two moments: when
 * the future is garbage-collected, or when its loop closes (so a program that ends before a
 * collection still hears of it).
 *
 * <p>Armed by {@link Future#setException}, disarmed by {@code result()}, {@code exception()}
 * or an await. Its loop keeps the armed watches until they are settled, for the report at
 * close ({@link LeftUndone}).
 */
final class UnretrievedException extends LeftUndone {
    private final Throwable exception;
    private final String kind;
    private final String description;
    /** Where the future was created, in debug mode; else empty. */
    private final List<StackTraceElement> createdAt;

    private UnretrievedException(EventLoop loop, Throwable exception, String kind, String description,
                                 List<StackTraceElement> createdAt) {
        super(loop);
        this.exception = exception;
        this.kind = kind;
        this.description = description;
        this.createdAt = createdAt;
    }

    static UnretrievedException watch(Future<?> future, Throwable exception) {
        UnretrievedException watch = new UnretrievedException(future.loop, exception, future.kind(),
                future.toString(), CreationSites.of(future));
        watch.watch(future);
        future.loop.reports().unretrievedArmed(watch);
        return watch;
    }

    /** The exception was seen: never report it, and stop watching. */
    void retrieved() {
        dismiss();
    }

    @Override
    void forget() {
        loop.reports().unretrievedSettled(this);
    }

    @Override
    ExceptionContext context() {
        ExceptionContext context = ExceptionContext.of(kind + " exception was never retrieved", exception)
                .with(kind.toLowerCase(Locale.ROOT), description);
        if (!createdAt.isEmpty()) {
            context = context.with("created_at", createdAt.get(0)).with("source_traceback", createdAt);
        }
        return context;
    }
}
