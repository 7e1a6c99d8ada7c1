package io.jasyncio.it;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import java.util.List;

/**
 * {@code @Async} methods whose task is cancelled while they wait on {@code blocker}, a future
 * nobody completes: the {@link CancelledError} arrives at that await, where the method catches
 * it, or cleans up and rethrows it, or lets it run its finally blocks. The synchronous twins
 * throw the CancelledError where the await is, which is what the cancel must look like.
 */
public class Cancellation {
    private final Futures futures;

    public Cancellation(Futures futures) {
        this.futures = futures;
    }

    private Future<Integer> f(int value) {
        return futures.of(value);
    }

    /** Stands for an await at which the task is cancelled with {@code message}. */
    private static int cancelledHere(String message) {
        throw new CancelledError(message);
    }

    /** Refuses the cancel: catches it at the await and goes on awaiting. */
    @Async
    public Coroutine<String> catchAndReturn(Future<Integer> blocker, List<String> log) {
        int first = await(f(1));
        try {
            int value = await(blocker);
            return result("not cancelled " + value);
        } catch (CancelledError e) {
            log.add("caught " + e.getMessage());
            int after = await(f(first + 1));
            return result("refused " + after);
        }
    }

    public static String catchAndReturnSync(String message, List<String> log) {
        int first = 1;
        try {
            int value = cancelledHere(message);
            return "not cancelled " + value;
        } catch (CancelledError e) {
            log.add("caught " + e.getMessage());
            int after = first + 1;
            return "refused " + after;
        }
    }

    /** Cleans up, awaiting while it does, then lets the cancel through. */
    @Async
    public Coroutine<Integer> cleanUpAndRethrow(Future<Integer> blocker, List<String> log) {
        try {
            return result(await(blocker));
        } catch (CancelledError e) {
            log.add("cleanup " + e.getMessage() + " " + await(f(2)));
            throw e;
        }
    }

    public static int cleanUpAndRethrowSync(String message, List<String> log) {
        try {
            return cancelledHere(message);
        } catch (CancelledError e) {
            log.add("cleanup " + e.getMessage() + " " + 2);
            throw e;
        }
    }

    /** The cancel reaches the inner coroutine's await; both finally blocks run on the way out. */
    @Async
    public Coroutine<Integer> finallyBlocksRun(Future<Integer> blocker, List<String> log) {
        try {
            return result(await(inner(blocker, log)) + 1);
        } finally {
            log.add("outer finally " + await(f(3)));
        }
    }

    @Async
    private Coroutine<Integer> inner(Future<Integer> blocker, List<String> log) {
        int before = await(f(1));
        try {
            return result(await(blocker) + before);
        } finally {
            log.add("inner finally " + before);
        }
    }

    public static int finallyBlocksRunSync(String message, List<String> log) {
        try {
            return innerSync(message, log) + 1;
        } finally {
            log.add("outer finally " + 3);
        }
    }

    private static int innerSync(String message, List<String> log) {
        int before = 1;
        try {
            return cancelledHere(message) + before;
        } finally {
            log.add("inner finally " + before);
        }
    }

    /**
     * A chain of {@code depth} inline awaits, the bottom one on {@code blocker}: the cancel
     * unwinds every level, and every level's finally block runs (and counts itself).
     */
    @Async
    public Coroutine<Integer> chainWithFinally(int depth, Future<Integer> blocker, int[] finallyCount) {
        try {
            if (depth == 0) {
                return result(await(f(0)) + await(blocker));
            }
            return result(await(chainWithFinally(depth - 1, blocker, finallyCount)) + 1);
        } finally {
            finallyCount[0]++;
        }
    }

    /**
     * The chain unrolled (recursion this deep can overflow a plain Java stack): the bottom
     * level is cancelled at its await, then every level's finally runs on the way out.
     */
    public static int chainWithFinallySync(int depth, String message, int[] finallyCount) {
        try {
            return cancelledHere(message);
        } finally {
            for (int level = depth; level >= 0; level--) {
                finallyCount[0]++;
            }
        }
    }
}
