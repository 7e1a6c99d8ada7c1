package io.jasyncio;

import io.jasyncio.internal.Throwables;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The eventual outcome of an operation, bound to one {@link EventLoop}: asyncio's
 * {@code Future}, with the same states and rules.
 *
 * <p>A future is <em>pending</em> until it gets a result ({@link #setResult}), an exception
 * ({@link #setException}) or is {@linkplain #cancel(String) cancelled}; then it is
 * {@linkplain #done() done} and never changes again. Done callbacks never run inline: each one
 * is scheduled with the loop's {@code callSoon} when the future completes (or, if it is already
 * done, when the callback is added), in the order they were added.
 *
 * <p>A future is also a {@link Coroutine}, so that an {@code @Async} method can end with
 * {@code return future;}, meaning "my value is what awaiting the future gives". It is not a
 * lazy one: it cannot be wrapped in a task, and awaiting it any number of times is fine.
 *
 * <p>Not thread-safe: every method is called on the loop's thread. To complete a future from
 * another thread, use {@code loop.callSoonThreadsafe(() -> future.setResult(v))}.
 *
 * <pre>{@code
 * Future<String> f = loop.createFuture();
 * f.addDoneCallback(done -> System.out.println(done.result()));
 * loop.callLater(0.1, () -> f.setResult("hello"));
 * loop.runUntilComplete(f);   // prints "hello", returns "hello"
 * }</pre>
 *
 * @param <T> the type of the result
 */
public class Future<T> implements Coroutine<T> {
    /*
     * Implementation: five fields, so that a future is 32 bytes (with compressed oops) and a
     * Task 72: every sleeping task holds two of them. `callbacks` is null, the one done
     * callback (nearly every future has exactly one, the task awaiting it, so that case
     * allocates no list) or a Callbacks list. A task's wake-up callback is itself a Handle and
     * is queued on the loop as it is; any other callback is wrapped in a DoneCallbackHandle.
     * `result` is the value (FINISHED), the exception (FAILED) or the cancel message
     * (CANCELLED); `detail` is the watch that reports an exception nobody retrieved (FAILED)
     * or the CancelledError that ended a task, if any (CANCELLED).
     */
    private static final byte PENDING = 0;
    private static final byte FINISHED = 1;
    private static final byte FAILED = 2;
    private static final byte CANCELLED = 3;

    final EventLoop loop;
    private byte state = PENDING;
    private Object result;
    private Object callbacks;
    private Object detail;

    /** A pending future bound to {@code loop}; {@link EventLoop#createFuture()} is the usual way. */
    public Future(EventLoop loop) {
        if (loop == null) {
            throw new NullPointerException("loop");
        }
        this.loop = loop;
    }

    /** True once the future has a result or an exception, or is cancelled. */
    public final boolean done() {
        return state != PENDING;
    }

    /** True if the future was cancelled. */
    public final boolean cancelled() {
        return state == CANCELLED;
    }

    /**
     * The result. If the future failed, its exception is thrown as it is (the original object,
     * checked or not); if it was cancelled, a {@link CancelledError} with the cancel message.
     *
     * @throws InvalidStateError if the future is not done
     */
    @SuppressWarnings("unchecked")
    public final T result() {
        if (state == FINISHED) {
            return (T) result;
        }
        if (state == FAILED) {
            markRetrieved();
            throw Throwables.sneakyThrow((Throwable) result);
        }
        if (state == CANCELLED) {
            throw cancelledError();
        }
        throw new InvalidStateError("Result is not ready.");
    }

    /**
     * The exception the future failed with, or null if it has a result.
     *
     * @throws CancelledError if the future was cancelled
     * @throws InvalidStateError if the future is not done
     */
    public final Throwable exception() {
        if (state == FINISHED) {
            return null;
        }
        if (state == FAILED) {
            markRetrieved();
            return (Throwable) result;
        }
        if (state == CANCELLED) {
            throw cancelledError();
        }
        throw new InvalidStateError("Exception is not set.");
    }

    /** Cancels the future without a message; see {@link #cancel(String)}. */
    public final boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future and schedules its callbacks, unless it is already done.
     *
     * @param msg the message the {@link CancelledError} will carry; may be null
     * @return false if the future was already done, true otherwise
     */
    public boolean cancel(String msg) {
        loop.checkThread();
        return cancelWith(msg, null);
    }

    /**
     * Sets the result and schedules the callbacks.
     *
     * @throws InvalidStateError if the future is already done (cancelled included)
     */
    public void setResult(T value) {
        loop.checkThread();
        checkPending();
        finish(value, null);
    }

    /**
     * Sets the exception and schedules the callbacks. If nobody ever asks for it (through
     * {@link #result()}, {@link #exception()} or an await), the loop's exception handler is told
     * when the future is garbage-collected.
     *
     * @throws InvalidStateError if the future is already done (cancelled included)
     */
    public void setException(Throwable exception) {
        if (exception == null) {
            throw new NullPointerException("exception");
        }
        loop.checkThread();
        checkPending();
        finish(null, exception);
    }

    /**
     * Adds a callback that is called with this future once it is done, through the loop's
     * {@code callSoon}; if the future is already done, it is scheduled now.
     */
    public final void addDoneCallback(Consumer<? super Future<T>> callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        loop.checkThread();
        if (state != PENDING) {
            schedule(callback);
        } else if (callbacks == null) {
            callbacks = callback;
        } else if (callbacks instanceof Callbacks list) {
            list.add(callback);
        } else {
            Callbacks list = new Callbacks();
            list.add(callbacks);
            list.add(callback);
            callbacks = list;
        }
    }

    /**
     * Removes every registration of {@code callback} (by {@code equals}) that has not been
     * scheduled yet.
     *
     * @return how many were removed
     */
    public final int removeDoneCallback(Consumer<? super Future<T>> callback) {
        loop.checkThread();
        if (callbacks instanceof Callbacks list) {
            int before = list.size();
            list.removeIf(callback::equals);
            return before - list.size();
        }
        if (callbacks != null && callbacks.equals(callback)) {
            callbacks = null;
            return 1;
        }
        return 0;
    }

    /** The loop this future is bound to. */
    public final EventLoop getLoop() {
        return loop;
    }

    /**
     * A {@link CompletableFuture} that completes as this future does (at once if it is already
     * done, otherwise from a done callback on the loop's thread). Cancelling it, from any
     * thread, cancels this future.
     */
    public final CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> stage = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    cancelFromAnyThread();
                }
                return cancelled;
            }
        };
        if (done()) {
            copyOutcomeTo(stage);
        } else {
            addDoneCallback(f -> copyOutcomeTo(stage));
        }
        return stage;
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + describeState() + ">";
    }

    // ---- for Task and the loop ------------------------------------------------------------

    /** "pending", "cancelled", "finished result=..." or "finished exception=...". */
    final String describeState() {
        return switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            case FAILED -> "finished exception=" + result;
            default -> "finished result=" + result;
        };
    }

    /** Completes a pending future; {@code exception} null means success. */
    final void finish(T value, Throwable failure) {
        if (failure == null) {
            result = value;
            state = FINISHED;
        } else {
            result = failure;
            state = FAILED;
            detail = UnretrievedException.watch(this, failure);
        }
        scheduleCallbacks();
    }

    /** Cancels a pending future, remembering the CancelledError that caused it, if any. */
    final boolean cancelWith(String msg, CancelledError cause) {
        if (state != PENDING) {
            return false;
        }
        state = CANCELLED;
        result = msg;
        detail = cause;
        scheduleCallbacks();
        return true;
    }

    /** Registers the task's wake-up, which the loop runs as it is when this future is done. */
    final void addWakeup(TaskStep step) {
        addDoneCallback(step);
    }

    /** The futures and tasks waiting for this one (each through a done callback that is a {@link Waiter}), in registration order. */
    final List<Future<?>> waiters() {
        List<Future<?>> waiters = new ArrayList<>();
        if (callbacks instanceof Callbacks list) {
            for (Object callback : list) {
                if (callback instanceof Waiter waiter) {
                    waiters.add(waiter.waiter());
                }
            }
        } else if (callbacks instanceof Waiter waiter) {
            waiters.add(waiter.waiter());
        }
        return waiters;
    }

    /** Prefix for the "exception was never retrieved" report. */
    String kind() {
        return "Future";
    }

    private void checkPending() {
        if (state != PENDING) {
            throw new InvalidStateError((state == CANCELLED ? "CANCELLED: " : "FINISHED: ") + this);
        }
    }

    private CancelledError cancelledError() {
        CancelledError error = new CancelledError((String) result);
        if (detail != null) {
            error.initCause((Throwable) detail);
        }
        return error;
    }

    private void markRetrieved() {
        if (detail != null) {
            ((UnretrievedException) detail).retrieved();
            detail = null;
        }
    }

    @SuppressWarnings("unchecked")
    private void scheduleCallbacks() {
        Object pending = callbacks;
        if (pending == null) {
            return;
        }
        callbacks = null;
        if (pending instanceof Callbacks list) {
            for (Object callback : list) {
                schedule((Consumer<? super Future<T>>) callback);
            }
        } else {
            schedule((Consumer<? super Future<T>>) pending);
        }
    }

    private void schedule(Consumer<? super Future<T>> callback) {
        if (callback instanceof TaskStep step) {
            loop.enqueue(step);
        } else {
            loop.enqueue(new DoneCallbackHandle<>(this, callback));
        }
    }

    private void cancelFromAnyThread() {
        try {
            loop.callSoonThreadsafe(this::cancel);
        } catch (IllegalStateException closed) {
            // The loop is closed: nothing will ever run this future's callbacks anyway.
        }
    }

    private void copyOutcomeTo(CompletableFuture<T> stage) {
        if (state == CANCELLED) {
            stage.completeExceptionally(cancelledError());
        } else if (state == FAILED) {
            Throwable failure = (Throwable) result;
            markRetrieved();
            stage.completeExceptionally(failure);
        } else {
            @SuppressWarnings("unchecked")
            T value = (T) result;
            stage.complete(value);
        }
    }

    /** Two or more done callbacks, in registration order. */
    private static final class Callbacks extends ArrayList<Object> {
        Callbacks() {
            super(4);
        }
    }
}
