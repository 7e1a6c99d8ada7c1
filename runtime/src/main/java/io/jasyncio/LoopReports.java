package io.jasyncio;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What a loop has to report that does not come from a callback it runs: exceptions nobody
 * retrieved (reported by the collector, or at the latest when the loop closes) and reports
 * other threads hand over (the cleaner's). Everything goes to the loop's exception handler on
 * the loop's thread, each report once.
 */
final class LoopReports {
    private final EventLoop loop;
    /** The watches of this loop's futures whose exceptions nobody has retrieved yet. */
    private final Set<UnretrievedException> unretrieved = ConcurrentHashMap.newKeySet();
    /** Reports other threads handed over, not yet given to the exception handler. */
    private final Queue<ExceptionContext> fromOtherThreads = new ConcurrentLinkedQueue<>();

    LoopReports(EventLoop loop) {
        this.loop = loop;
    }

    void unretrievedArmed(UnretrievedException watch) {
        unretrieved.add(watch);
    }

    void unretrievedSettled(UnretrievedException watch) {
        unretrieved.remove(watch);
    }

    /**
     * Reports an error from a thread that is not the loop's, e.g. the cleaner's: gives
     * {@code context} to the exception handler on the loop's thread: at its next iteration,
     * or when it closes if it never runs again; directly once it is closed.
     */
    void fromAnyThread(ExceptionContext context) {
        if (loop.isClosed()) {
            loop.callExceptionHandler(context);
            return;
        }
        fromOtherThreads.add(context);
        try {
            loop.callSoonThreadsafe(this::handOver);
        } catch (IllegalStateException closedMeanwhile) {
            // close() drains the queue after it has marked the loop closed: if this report was
            // not in it yet, nothing else will give it to the handler.
            if (fromOtherThreads.remove(context)) {
                loop.callExceptionHandler(context);
            }
        }
    }

    /** The loop closes: what other threads handed over, then each exception nobody retrieved, once. */
    void atClose() {
        handOver();
        for (UnretrievedException watch : List.copyOf(unretrieved)) {
            watch.reportAtClose();
        }
        unretrieved.clear();
    }

    private void handOver() {
        ExceptionContext context;
        while ((context = fromOtherThreads.poll()) != null) {
            loop.callExceptionHandler(context);
        }
    }
}
