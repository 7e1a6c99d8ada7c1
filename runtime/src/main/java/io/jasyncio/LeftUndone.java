package io.jasyncio;

import java.lang.ref.Cleaner;

/**
 * A report of something a program left undone (an exception nobody retrieved, a coroutine
 * nobody awaited), made at most once, at the first of three moments: never, if it is dismissed
 * (the exception was retrieved, the coroutine started); when the object it watches is
 * garbage-collected; or when its loop closes. Whichever comes first settles it.
 *
 * <p>The collector's report runs on the cleaner's thread, so it must not refer to the watched
 * object; it hands the report to the loop's thread (or calls the handler directly if the loop
 * is already closed).
 */
abstract class LeftUndone implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create(task -> {
        Thread thread = new Thread(task, "jasyncio-left-undone");
        thread.setDaemon(true);
        return thread;
    });

    /** The loop to report through; null for a coroutine created outside any running loop (logged). */
    final EventLoop loop;
    /** Set once: dismissed or reported. Read and set under this object's lock. */
    private boolean settled;
    private Cleaner.Cleanable cleanable;

    LeftUndone(EventLoop loop) {
        this.loop = loop;
    }

    /** Starts watching {@code watched}: reported when it is collected, unless settled before. */
    final void watch(Object watched) {
        cleanable = CLEANER.register(watched, this);
    }

    /** The report to make. */
    abstract ExceptionContext context();

    /** Settled by a dismissal or the collector's report: leave whatever registry holds this. */
    void forget() {}

    /** Nothing to report any more: never report, and stop watching. */
    final void dismiss() {
        if (settle()) {
            forget();
        }
        cleanable.clean();
    }

    /** The loop is closing: report now unless settled (the collector then finds it settled). */
    final void reportAtClose() {
        if (settle()) {
            loop.callExceptionHandler(context());
        }
        cleanable.clean();
    }

    /** The watched object was collected. */
    @Override
    public final void run() {
        if (settle()) {
            forget();
            if (loop != null) {
                loop.reports().fromAnyThread(context());
            } else {
                EventLoop.LOG.log(System.Logger.Level.ERROR, context().toString());
            }
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
}
