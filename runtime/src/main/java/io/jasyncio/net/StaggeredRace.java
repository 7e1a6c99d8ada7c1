package io.jasyncio.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.ReturnWhen;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Attempts started one after another, each once the one before has failed or has run for a
 * delay without finishing; the first to succeed wins and the others are cancelled. This is
 * RFC 8305's connection racing ("happy eyeballs") as asyncio's {@code staggered_race} runs
 * it: a slow first address costs the delay, not a connect timeout.
 */
final class StaggeredRace {
    private StaggeredRace() {}

    /**
     * Runs {@code attempts} staggered by {@code delay} seconds and returns the first result.
     * If every attempt fails it returns null, and {@code failures} holds their exceptions in
     * the order the attempts were given. However it ends (won, all failed, cancelled), the
     * attempts still running are cancelled, and one that had succeeded too hands its result
     * to {@code discard} (a second connected socket, to close).
     */
    @Async
    static <T> Coroutine<T> race(EventLoop loop, List<Supplier<Coroutine<T>>> attempts, double delay,
            Consumer<? super T> discard, List<Throwable> failures) {
        List<Task<T>> started = new ArrayList<>();
        List<Task<T>> running = new ArrayList<>();
        try {
            int next = 0;
            while (next < attempts.size() || !running.isEmpty()) {
                if (next < attempts.size()) {
                    Task<T> attempt = loop.createTask(attempts.get(next++).get());
                    started.add(attempt);
                    running.add(attempt);
                }
                // A failure ends the wait early and so starts the next attempt at once.
                double wait = next < attempts.size() ? delay : Double.POSITIVE_INFINITY;
                await(Asyncio.wait(running, ReturnWhen.FIRST_COMPLETED, wait));
                Task<T> winner = null;
                for (Iterator<Task<T>> it = running.iterator(); it.hasNext(); ) {
                    Task<T> attempt = it.next();
                    if (attempt.done()) {
                        it.remove();
                        if (!attempt.cancelled() && attempt.exception() == null) {
                            if (winner == null) {
                                winner = attempt;
                            } else {
                                discard.accept(attempt.result());
                            }
                        }
                    }
                }
                if (winner != null) {
                    return result(winner.result());
                }
            }
            for (Task<T> attempt : started) {
                failures.add(attempt.cancelled() ? new io.jasyncio.CancelledError() : attempt.exception());
            }
            return result(null);
        } finally {
            for (Task<T> attempt : running) {
                if (!attempt.cancel() && !attempt.cancelled() && attempt.exception() == null) {
                    discard.accept(attempt.result());
                }
            }
        }
    }
}
