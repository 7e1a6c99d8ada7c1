package io.jasyncio.it.timeouts;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.Asyncio.timeout;

import io.jasyncio.Async;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Timeout;
import io.jasyncio.TimeoutError;
import java.util.List;

/** Coroutines that use {@code try (Timeout t = timeout(...))} the way users would. */
public class Deadlines {
    private final List<String> log;

    public Deadlines(List<String> log) {
        this.log = log;
    }

    /** Sleeps {@code work} seconds under a deadline of {@code limit}; says how it ended. */
    @Async
    public Coroutine<String> sleepWithin(double limit, double work) {
        try (Timeout deadline = timeout(limit)) {
            try {
                await(sleep(work));
            } catch (CancelledError inside) {
                log.add("inside saw " + inside.getClass().getSimpleName());
                throw inside;
            } finally {
                log.add("inside finally");
            }
            log.add("expired=" + deadline.expired());
            return result("finished");
        } catch (TimeoutError e) {
            log.add("cause " + (e.getCause() == null ? "none" : e.getCause().getClass().getSimpleName()));
            return result("timed out");
        }
    }

    /** The inner deadline is shorter: it fires first, and the outer block goes on. */
    @Async
    public Coroutine<String> nested(double outer, double inner, double work) {
        StringBuilder out = new StringBuilder();
        try (Timeout outerDeadline = timeout(outer)) {
            try (Timeout innerDeadline = timeout(inner)) {
                await(sleep(work));
                out.append("inner done;");
            } catch (TimeoutError e) {
                out.append("inner timed out;");
            }
            await(sleep(work));
            out.append("outer done");
        } catch (TimeoutError e) {
            out.append("outer timed out");
        }
        return result(out.toString());
    }

    /** Two blocks with the same deadline: the outer one's catch gets the TimeoutError, as in asyncio. */
    @Async
    public Coroutine<String> sameDeadline(double deadline, double work) {
        try (Timeout outerDeadline = timeout(deadline)) {
            try (Timeout innerDeadline = timeout(deadline)) {
                await(sleep(work));
                return result("done");
            }
        } catch (TimeoutError e) {
            return result("outer timed out");
        }
    }

    /** Moves the deadline further out from inside the block. */
    @Async
    public Coroutine<Double> rescheduled(double limit, double extended, double work) {
        try (Timeout deadline = timeout(limit)) {
            deadline.reschedule(deadline.when() + extended);
            await(sleep(work));
            return result(-1.0);
        } catch (TimeoutError e) {
            return result(io.jasyncio.Asyncio.getRunningLoop().time());
        }
    }

    /** Catches its own cancellation and finishes normally: nothing leaves the block. */
    @Async
    public Coroutine<String> swallowing(double limit, double work) {
        try (Timeout deadline = timeout(limit)) {
            try {
                await(sleep(work));
            } catch (CancelledError e) {
                log.add("swallowed");
            }
            log.add("expired=" + deadline.expired());
        }
        return result("cancelling=" + io.jasyncio.Asyncio.currentTask().cancelling());
    }

    /** Lets the TimeoutError leave the coroutine: its task fails with it. */
    @Async
    public Coroutine<String> unhandled(double limit) {
        try (Timeout deadline = timeout(limit)) {
            await(sleep(limit * 2));
        }
        return result("unreachable");
    }
}
