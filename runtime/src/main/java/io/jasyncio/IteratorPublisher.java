package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link AsyncIterator#toPublisher}: one subscription, whose demand, added from any thread,
 * starts a task on the loop that walks the iterator while the demand lasts. Every signal to
 * the subscriber comes from that task, on the loop's thread, one at a time.
 */
final class IteratorPublisher<T> implements Flow.Publisher<T> {
    private final AsyncIterator<T> iterator;
    private final EventLoop loop;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    IteratorPublisher(AsyncIterator<T> iterator, EventLoop loop) {
        if (iterator == null) {
            throw new NullPointerException("iterator");
        }
        if (loop == null) {
            throw new NullPointerException("loop");
        }
        this.iterator = iterator;
        this.loop = loop;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        if (subscriber == null) {
            throw new NullPointerException("subscriber"); // Reactive Streams rule 1.9
        }
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            subscriber.onError(new IllegalStateException(
                    "this publisher walks one iterator, and it already has its subscriber"));
            return;
        }
        subscriber.onSubscribe(new Walk(subscriber));
    }

    /** The subscription: the subscriber's demand, and the task that meets it. */
    private final class Walk implements Flow.Subscription {
        private final Flow.Subscriber<? super T> subscriber;
        /** Requested and not yet delivered; Long.MAX_VALUE is unbounded (rule 3.17). */
        private final AtomicLong demand = new AtomicLong();
        private volatile boolean cancelled;
        /** Loop thread: the task walking the iterator, while one is. */
        private Task<Void> walking;
        /** Loop thread: a terminal signal was sent. */
        private boolean finished;

        Walk(Flow.Subscriber<? super T> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (cancelled) {
                return;
            }
            if (n <= 0) {
                cancelled = true;
                onLoop(() -> finish(new IllegalArgumentException(
                        "non-positive request, rule 3.9 of Reactive Streams: " + n)));
                return;
            }
            long before = demand.getAndAccumulate(n, (current, more) -> {
                long sum = current + more;
                return sum < 0 ? Long.MAX_VALUE : sum;
            });
            if (before == 0) {
                onLoop(this::startWalking); // the walk had stopped, or never started
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            onLoop(() -> {
                if (walking != null) {
                    walking.cancel();
                }
            });
        }

        private void startWalking() {
            // done, not only null: an eager task factory may have finished the walk inside createTask
            if (!cancelled && !finished && (walking == null || walking.done())) {
                walking = loop.createTask(walk());
            }
        }

        /** Hands the subscriber elements while it wants them; then ends, until it asks again. */
        @Async
        private Coroutine<Void> walk() {
            try {
                while (!cancelled) {
                    boolean more = await(iterator.hasNext());
                    if (cancelled) {
                        break;
                    }
                    if (!more) {
                        finish(null);
                        break;
                    }
                    T element = iterator.next();
                    if (element == null) {
                        finish(new NullPointerException("the iterator gave a null element, which Flow forbids"));
                        break;
                    }
                    subscriber.onNext(element);
                    if (demand.decrementAndGet() == 0) {
                        break; // met: the next request starts a new walk
                    }
                }
            } catch (CancelledError cancelledWalk) {
                if (!cancelled) {
                    finish(cancelledWalk); // cancelled from outside: the subscriber must hear of it
                }
            } catch (Throwable failure) {
                finish(failure);
            } finally {
                walking = null;
            }
            if (!finished && !cancelled && demand.get() > 0) {
                startWalking(); // a request came between the last element and the break
            }
            return result();
        }

        private void finish(Throwable failure) {
            if (finished) {
                return;
            }
            finished = true;
            cancelled = true;
            if (failure == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(failure);
            }
        }

        private void onLoop(Runnable action) {
            try {
                loop.callSoonThreadsafe(action);
            } catch (IllegalStateException closed) {
                cancelled = true; // the loop is gone: nothing more will be delivered
            }
        }
    }
}
