package io.jasyncio;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * One {@link EventLoop#runInExecutor} call: runs the callable on the executor and copies its
 * outcome to the loop future through {@code callSoonThreadsafe}; cancelling the loop future
 * cancels the call if it has not started (it is not interrupted if it has, as in asyncio).
 */
final class ExecutorCall<T> extends FutureTask<T> implements Consumer<Future<T>> {
    private final Future<T> future;

    ExecutorCall(Future<T> future, Callable<T> callable) {
        super(callable);
        this.future = future;
    }

    /** Worker thread (or the canceller's): hand the outcome to the loop. */
    @Override
    protected void done() {
        try {
            future.loop.callSoonThreadsafe(this::deliver);
        } catch (IllegalStateException closed) {
            // The loop is closed: nobody can await the outcome any more.
        }
    }

    /** Loop thread, when the loop future is done: a cancel reaches the call. */
    @Override
    public void accept(Future<T> done) {
        if (done.cancelled()) {
            cancel(false);
        }
    }

    private void deliver() {
        if (future.done()) {
            return;
        }
        try {
            future.setResult(get());
        } catch (ExecutionException e) {
            future.setException(e.getCause());
        } catch (CancellationException e) {
            future.cancel();
        } catch (InterruptedException e) {
            throw new AssertionError("get() of a done FutureTask cannot block", e);
        }
    }
}
