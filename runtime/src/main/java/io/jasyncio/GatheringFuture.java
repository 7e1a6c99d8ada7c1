package io.jasyncio;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The future {@link Asyncio#gather} returns: asyncio's {@code _GatheringFuture} and the done
 * callback of {@code gather}, rule for rule.
 *
 * <p>Each distinct child gets {@link #onChildDone} as a done callback. Without
 * {@code returnExceptions} the first child to fail (or to be cancelled) sets its exception (a
 * {@link CancelledError} for a cancelled child) on this future at once, and the other children
 * go on; the exceptions of children finishing later are marked as retrieved and dropped.
 * Otherwise, once every child is done, the results are collected in argument order, an
 * exception standing for a failed child and a CancelledError for a cancelled one.
 * {@link #cancel(String)} cancels every child instead of this future; when they have all
 * finished, this future fails with a CancelledError carrying the message, even with
 * {@code returnExceptions}.
 */
final class GatheringFuture<T> extends Future<List<T>> implements Consumer<Future<?>>, Waiter {
    /** One entry per argument; the same future repeated for an argument given twice. */
    private final List<Future<?>> children;
    private final int distinct;
    private final boolean returnExceptions;
    private int finished;
    private boolean cancelRequested;
    private String cancelMessage;

    GatheringFuture(EventLoop loop, List<Future<?>> children, int distinct, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.distinct = distinct;
        this.returnExceptions = returnExceptions;
    }

    /**
     * asyncio's {@code gather}: one child per distinct argument (by identity), a coroutine
     * wrapped in a task on the loop. The loop is the first argument's if it is a future, else
     * the running loop; every future must be on it, which is checked before any task is
     * created.
     */
    static <T> Future<List<T>> gather(boolean returnExceptions, List<? extends Awaitable<?>> aws) {
        if (aws.isEmpty()) {
            Future<List<T>> outer = Asyncio.getRunningLoop().createFuture();
            outer.setResult(new ArrayList<>());
            return outer;
        }
        Awaitable<?> first = aws.get(0);
        EventLoop loop = first instanceof Future<?> f ? f.getLoop() : Asyncio.getRunningLoop();
        for (Awaitable<?> aw : aws) {
            if (aw == null) {
                throw new NullPointerException("gather() of a null awaitable");
            }
            if (aw instanceof Future<?> f && f.getLoop() != loop) {
                throw new IllegalArgumentException("futures are tied to different event loops: "
                        + "every awaitable given to gather() must belong to the same loop");
            }
        }
        Map<Awaitable<?>, Future<?>> argToFut = new IdentityHashMap<>();
        List<Future<?>> children = new ArrayList<>(aws.size());
        List<Future<?>> distinct = new ArrayList<>(aws.size());
        for (Awaitable<?> aw : aws) {
            Future<?> fut = argToFut.get(aw);
            if (fut == null) {
                fut = loop.ensureFuture(aw);
                argToFut.put(aw, fut);
                distinct.add(fut);
            }
            children.add(fut);
        }
        GatheringFuture<T> outer = new GatheringFuture<>(loop, children, distinct.size(), returnExceptions);
        for (Future<?> child : distinct) {
            child.addDoneCallback(outer);
        }
        return outer;
    }

    /**
     * Cancels every child not done yet (this future itself is then failed with a
     * {@link CancelledError} once all children are done).
     *
     * @return true if at least one child accepted the cancel; false if this future is done or
     *     no child could be cancelled
     */
    @Override
    public boolean cancel(String msg) {
        loop.checkThread();
        if (done()) {
            return false;
        }
        boolean any = false;
        for (Future<?> child : children) {
            if (child.cancel(msg)) {
                any = true;
            }
        }
        if (any) {
            cancelRequested = true;
            cancelMessage = msg;
        }
        return any;
    }

    /** The gather waits for each child: a call graph goes up from a child through it. */
    @Override
    public Future<?> waiter() {
        return this;
    }

    /** A child is done. */
    @Override
    public void accept(Future<?> child) {
        finished++;
        if (done()) {
            if (!child.cancelled()) {
                child.exception(); // mark it retrieved: the gather already has its outcome
            }
            return;
        }
        if (!returnExceptions) {
            Throwable failure = outcomeError(child);
            if (failure != null) {
                setException(failure);
                return;
            }
        }
        if (finished == distinct) {
            List<Object> results = new ArrayList<>(children.size());
            for (Future<?> each : children) {
                Throwable failure = outcomeError(each);
                results.add(failure != null ? failure : each.result());
            }
            if (cancelRequested) {
                setException(new CancelledError(cancelMessage));
            } else {
                @SuppressWarnings("unchecked")
                List<T> typed = (List<T>) results;
                setResult(typed);
            }
        }
    }

    /** The child's exception, a CancelledError if it was cancelled, null if it has a result. */
    private static Throwable outcomeError(Future<?> child) {
        try {
            return child.exception();
        } catch (CancelledError cancelled) {
            return cancelled;
        }
    }
}
