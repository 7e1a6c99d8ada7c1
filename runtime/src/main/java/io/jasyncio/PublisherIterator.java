package io.jasyncio;

import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.concurrent.Flow;

/**
 * {@link AsyncIterator#fromPublisher}: a {@code Flow.Subscriber} whose signals, from any
 * thread, are handed to the consumer's loop with {@code callSoonThreadsafe}, and an iterator
 * that the loop's tasks walk. Everything but the four subscriber methods runs on that loop.
 *
 * <p>Demand: {@code prefetch} items are requested at the start, and then as many as were taken
 * each time half a prefetch has been taken, so that no more than {@code prefetch} items are
 * ever requested and not yet taken (Kotlin's {@code Publisher.asFlow} asks the same way).
 */
final class PublisherIterator<T> implements AsyncIterator<T>, Flow.Subscriber<T> {
    private final Flow.Publisher<T> publisher;
    private final int prefetch;
    private final int batch;
    /**
     * The consumer's loop, from the first {@link #hasNext()}; null until then. Volatile: the
     * publisher's threads read it, and a publisher need not hand its subscriber over safely.
     */
    private volatile EventLoop loop;
    private Flow.Subscription subscription;
    /** Items delivered and not yet taken, oldest first. */
    private final ArrayDeque<T> delivered = new ArrayDeque<>();
    /** Items taken since the last request. */
    private int taken;
    private Throwable failure;
    private boolean complete;
    private boolean cancelled;
    /** The element {@link #next()} hands out, once {@link #hasNext()} said true. */
    private T ready;
    private boolean hasReady;
    /** The future of a {@link #hasNext()} waiting for the publisher. */
    private Future<Boolean> waiting;
    private Future<Boolean> yes;
    private Future<Boolean> no;

    PublisherIterator(Flow.Publisher<T> publisher, int prefetch) {
        if (publisher == null) {
            throw new NullPointerException("publisher");
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, got " + prefetch);
        }
        this.publisher = publisher;
        this.prefetch = prefetch;
        this.batch = Math.max(1, prefetch / 2);
    }

    @Override
    public Awaitable<Boolean> hasNext() {
        if (loop == null) {
            loop = Asyncio.getRunningLoop();
            yes = loop.createFuture();
            yes.setResult(Boolean.TRUE);
            no = loop.createFuture();
            no.setResult(Boolean.FALSE);
            publisher.subscribe(this);
        }
        if (waiting != null && !waiting.done()) {
            throw new IllegalStateException("hasNext() is already awaited by another task");
        }
        if (hasReady) {
            return yes;
        }
        T item = delivered.poll(); // never null: a publisher may not send null items
        if (item != null) {
            take(item);
            return yes;
        }
        if (failure != null) {
            Future<Boolean> failed = loop.createFuture();
            failed.setException(failure);
            return failed;
        }
        if (complete || cancelled) {
            return no;
        }
        Future<Boolean> future = loop.createFuture();
        future.addDoneCallback(done -> {
            if (done.cancelled()) {
                cancel(); // the waiting task was cancelled: nobody consumes any more
            }
        });
        waiting = future;
        return future;
    }

    @Override
    public T next() {
        if (!hasReady) {
            throw new NoSuchElementException("next() without a hasNext() that completed with true");
        }
        T item = ready;
        ready = null;
        hasReady = false;
        return item;
    }

    /** Makes {@code item} the next element, and asks for more once half a prefetch is taken. */
    private void take(T item) {
        ready = item;
        hasReady = true;
        if (++taken >= batch && subscription != null && !cancelled) {
            int more = taken;
            taken = 0;
            subscription.request(more);
        }
    }

    private void cancel() {
        cancelled = true;
        delivered.clear();
        if (subscription != null) {
            subscription.cancel();
        }
    }

    // ---- the subscriber's side: any thread --------------------------------------------------

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        if (!handOver(() -> {
            if (this.subscription != null || cancelled) {
                subscription.cancel(); // a second subscription, or a consumer already gone
                return;
            }
            this.subscription = subscription;
            subscription.request(prefetch);
        })) {
            subscription.cancel();
        }
    }

    @Override
    public void onNext(T item) {
        handOver(() -> {
            if (cancelled) {
                return;
            }
            Future<Boolean> waiter = waiting;
            if (waiter != null && !waiter.done()) {
                waiting = null;
                take(item);
                waiter.setResult(Boolean.TRUE);
            } else {
                delivered.add(item);
            }
        });
    }

    @Override
    public void onError(Throwable throwable) {
        handOver(() -> {
            failure = throwable;
            Future<Boolean> waiter = waiting;
            if (waiter != null && !waiter.done() && delivered.isEmpty()) {
                waiting = null;
                waiter.setException(throwable);
            }
        });
    }

    @Override
    public void onComplete() {
        handOver(() -> {
            complete = true;
            Future<Boolean> waiter = waiting;
            if (waiter != null && !waiter.done() && delivered.isEmpty()) {
                waiting = null;
                waiter.setResult(Boolean.FALSE);
            }
        });
    }

    /** Runs {@code signal} on the consumer's loop; false if the loop is closed. */
    private boolean handOver(Runnable signal) {
        try {
            loop.callSoonThreadsafe(signal);
            return true;
        } catch (IllegalStateException closed) {
            return false; // the loop is gone, and the consumer with it
        }
    }
}
