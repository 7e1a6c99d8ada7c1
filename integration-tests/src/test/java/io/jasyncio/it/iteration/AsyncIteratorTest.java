package io.jasyncio.it.iteration;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.AsyncIterator;
import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Queue;
import io.jasyncio.Task;
import io.jasyncio.net.StreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The asynchronous iterators: a stream's lines, a queue until shut down, and the bridges to
 * {@code java.util.concurrent.Flow} both ways, against the JDK's {@code SubmissionPublisher} and
 * hand-written publishers and subscribers that check the demand.
 */
@Timeout(60)
class AsyncIteratorTest {
    private final EventLoop loop = EventLoop.newEventLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private static List<Integer> upTo(int count) {
        return IntStream.range(0, count).boxed().collect(Collectors.toList());
    }

    // ---- adapters ---------------------------------------------------------------------------

    @Test
    void aStreamsLinesEndWithTheStreamTheLastOnePerhapsWithoutItsNewline() {
        StreamReader reader = new StreamReader();
        reader.feedData("first\nsecond\nlast".getBytes(US_ASCII));
        reader.feedEof();
        List<byte[]> lines = loop.runUntilComplete(Iteration.collect(reader.lines()));
        assertEquals(List.of("first\n", "second\n", "last"),
                lines.stream().map(line -> new String(line, US_ASCII)).collect(Collectors.toList()));
    }

    @Test
    void aQueuesItemsEndWhenItIsShutDownAndEmptied() {
        Queue<Integer> queue = new Queue<>(3);
        Task<Void> producer = loop.createTask(Iteration.produce(queue, 10, false));
        assertEquals(upTo(10), loop.runUntilComplete(Iteration.collect(queue.items())));
        loop.runUntilComplete(producer);
    }

    @Test
    void anImmediateShutdownEndsTheItemsAtOnce() {
        Queue<Integer> queue = new Queue<>();
        queue.putNowait(1);
        queue.putNowait(2);
        queue.shutdown(true);
        assertEquals(List.of(), loop.runUntilComplete(Iteration.collect(queue.items())));
    }

    @Test
    void asCompletedHandsOutTheFuturesThemselvesInTheOrderTheyComplete() {
        try (EventLoop virtual = EventLoop.newVirtualTimeLoop()) {
            Future<String> a = virtual.createFuture();
            Future<String> b = virtual.createFuture();
            Future<String> c = virtual.createFuture();
            virtual.callLater(3, () -> a.setResult("a"));
            virtual.callLater(1, () -> b.setResult("b"));
            virtual.callLater(2, () -> c.setException(new IllegalStateException("c failed")));
            List<Future<String>> order = virtual.runUntilComplete(
                    Iteration.collect(Asyncio.asCompletedIterator(List.of(a, b, c), Double.POSITIVE_INFINITY)));
            assertEquals(3, order.size());
            assertSame(b, order.get(0));
            assertSame(c, order.get(1));
            assertSame(a, order.get(2));
            assertEquals("c failed", c.exception().getMessage()); // handed out, not thrown
        }
    }

    @Test
    void asCompletedsIteratorThrowsTimeoutErrorAtItsTimeoutAndCancelsNothing() {
        try (EventLoop virtual = EventLoop.newVirtualTimeLoop()) {
            Future<String> fast = virtual.createFuture();
            Future<String> slow = virtual.createFuture();
            virtual.callLater(1, () -> fast.setResult("fast"));
            List<Future<String>> seen = new ArrayList<>();
            assertThrows(io.jasyncio.TimeoutError.class, () -> virtual.runUntilComplete(
                    Iteration.collect(Asyncio.asCompletedIterator(List.of(fast, slow), 5), seen::add)));
            assertEquals(List.of(fast), seen);
            assertFalse(slow.done(), "nothing is cancelled");
            slow.cancel();
        }
    }

    @Test
    void aLineOverTheLimitFailsAtHasNextAsReadlineDoesEvenAfterLinesReadyAtOnce() {
        StreamReader reader = new StreamReader(8);
        reader.feedData("short\nmuch too long a line\nafter\n".getBytes(US_ASCII));
        List<String> seen = new ArrayList<>();
        assertThrows(io.jasyncio.net.LimitOverrunError.class, () -> loop.runUntilComplete(
                Iteration.collect(reader.lines(), line -> seen.add(new String(line, US_ASCII)))));
        assertEquals(List.of("short\n"), seen);
        assertEquals("after\n", new String(loop.runUntilComplete(reader.readline()), US_ASCII),
                "the long line was discarded, as readline discards it");
    }

    @Test
    void aStreamsExceptionComesOutOfHasNextBeforeTheLinesItStillHolds() {
        StreamReader reader = new StreamReader();
        reader.feedData("kept\nback\n".getBytes(US_ASCII));
        reader.setException(new IllegalStateException("connection reset"));
        List<byte[]> seen = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(Iteration.collect(reader.lines(), seen::add)));
        assertEquals("connection reset", thrown.getMessage());
        assertEquals(0, seen.size(), "readline throws before it reads");
    }

    @Test
    void anItemOrLineThereAlreadyIsTakenWithoutACoroutine() {
        // the rewritten loop condition asks hasNextNow(), and awaits nothing when it says TRUE
        Queue<Integer> queue = new Queue<>();
        queue.putNowait(7);
        AsyncIterator<Integer> items = queue.items();
        assertSame(Boolean.TRUE, ((io.jasyncio.internal.EagerIterator) items).hasNextNow());
        assertEquals(0, queue.qsize(), "taken, as get() takes it");
        assertSame(Boolean.TRUE, ((io.jasyncio.internal.EagerIterator) items).hasNextNow(), "asked again: the same answer");
        assertEquals(7, items.next());
        assertTrue(((io.jasyncio.internal.EagerIterator) items).hasNextNow() instanceof io.jasyncio.Awaitable<?>,
                "nothing there: a coroutine that waits");

        StreamReader reader = new StreamReader();
        reader.feedData("whole\npart".getBytes(US_ASCII));
        AsyncIterator<byte[]> lines = reader.lines();
        assertSame(Boolean.TRUE, ((io.jasyncio.internal.EagerIterator) lines).hasNextNow());
        assertEquals("whole\n", new String(lines.next(), US_ASCII));
        assertTrue(((io.jasyncio.internal.EagerIterator) lines).hasNextNow() instanceof io.jasyncio.Awaitable<?>,
                "half a line: a coroutine that waits for the rest");
    }

    @Test
    void nextWithoutATrueHasNextThrows() {
        Queue<Integer> queue = new Queue<>();
        assertThrows(java.util.NoSuchElementException.class, () -> queue.items().next());
    }

    // ---- fromPublisher ----------------------------------------------------------------------

    @Test
    void aSubmissionPublishersItemsArriveInOrderAndItsCloseEndsThem() throws Exception {
        ExecutorService publishing = Executors.newSingleThreadExecutor();
        try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(publishing, 16)) {
            AsyncIterator<Integer> items = AsyncIterator.fromPublisher(publisher, 8);
            Task<List<Integer>> collecting = loop.createTask(Iteration.collect(items));
            loop.runUntilComplete(Asyncio.sleep(0)); // the first hasNext() subscribes
            Thread producer = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    publisher.submit(i); // blocks while the subscriber's buffer is full
                }
                publisher.close();
            });
            producer.start();
            assertEquals(upTo(10_000), loop.runUntilComplete(collecting));
            producer.join();
        } finally {
            publishing.shutdown();
            assertTrue(publishing.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    /**
     * The publisher's error after three items: the items come out first, then the error, at
     * the await of {@code hasNext()}. (A hand-written publisher: {@code SubmissionPublisher}'s
     * {@code closeExceptionally} may drop what it still buffers.)
     */
    @Test
    void aPublishersErrorComesOutOfHasNextAfterTheItemsBeforeIt() {
        IllegalStateException failure = new IllegalStateException("the source broke");
        Flow.Publisher<Integer> failing = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            boolean done;

            @Override
            public void request(long n) {
                if (!done) {
                    done = true;
                    for (int i = 0; i < 3; i++) {
                        subscriber.onNext(i);
                    }
                    subscriber.onError(failure);
                }
            }

            @Override
            public void cancel() {}
        });
        List<Integer> seen = new ArrayList<>();
        assertSame(failure, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(
                Iteration.collect(AsyncIterator.fromPublisher(failing, 8), seen::add))));
        assertEquals(List.of(0, 1, 2), seen);
    }

    /**
     * A publisher that emits as soon as it is asked, on the asking thread, and records the
     * demand: the iterator never has more than its prefetch requested and not yet taken.
     */
    static class Eager implements Flow.Publisher<Integer> {
        final int count;
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();
        int emitted;

        Eager(int count) {
            this.count = count;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    requested.addAndGet(n);
                    while (emitted < Math.min(count, requested.get()) && !cancelled.get()) {
                        subscriber.onNext(emitted++);
                    }
                    if (emitted == count) {
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                }
            });
        }
    }

    @Test
    void theDemandNeverRunsMoreThanThePrefetchAheadOfTheConsumer() {
        Eager publisher = new Eager(1_000);
        int prefetch = 16;
        List<Long> ahead = new ArrayList<>();
        int[] taken = {0};
        List<Integer> all = loop.runUntilComplete(Iteration.collect(
                AsyncIterator.fromPublisher(publisher, prefetch),
                item -> ahead.add(publisher.requested.get() - ++taken[0])));
        assertEquals(upTo(1_000), all);
        long most = ahead.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(most <= prefetch, "requested ahead of the consumer: " + most);
        assertTrue(most >= prefetch / 2, "the prefetch is used, not one at a time: " + most);
    }

    @Test
    void aConsumerCancelledWhileWaitingCancelsTheSubscription() {
        Eager silent = new Eager(0) {
            @Override
            public void subscribe(Flow.Subscriber<? super Integer> subscriber) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        requested.addAndGet(n); // and never emits
                    }

                    @Override
                    public void cancel() {
                        cancelled.set(true);
                    }
                });
            }
        };
        Task<List<Integer>> waiting = loop.createTask(Iteration.collect(AsyncIterator.fromPublisher(silent, 4)));
        loop.runUntilComplete(Asyncio.sleep(0.01));
        assertEquals(4, silent.requested.get());
        waiting.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(waiting));
        assertTrue(silent.cancelled.get(), "the subscription was cancelled with the consumer");
    }

    @Test
    void aPrefetchBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AsyncIterator.fromPublisher(new Eager(1), 0));
    }

    // ---- toPublisher ------------------------------------------------------------------------

    /** Requests one element at a time, each from another thread, and records what it heard. */
    static final class OneAtATime implements Flow.Subscriber<Integer> {
        final ExecutorService requesting = Executors.newSingleThreadExecutor();
        final List<Object> heard = new CopyOnWriteArrayList<>();
        final Future<Void> ended;
        final Iteration.Counting source;
        Flow.Subscription subscription;
        int mostAskedAhead;

        OneAtATime(Future<Void> ended, Iteration.Counting source) {
            this.ended = ended;
            this.source = source;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            requesting.execute(() -> subscription.request(1));
        }

        @Override
        public void onNext(Integer item) {
            heard.add(item);
            mostAskedAhead = Math.max(mostAskedAhead, source.asked - heard.size());
            requesting.execute(() -> subscription.request(1));
        }

        @Override
        public void onError(Throwable throwable) {
            heard.add(throwable);
            ended.setResult(null);
        }

        @Override
        public void onComplete() {
            heard.add("complete");
            ended.setResult(null);
        }

        void shutDown() throws InterruptedException {
            requesting.shutdown();
            assertTrue(requesting.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSubscriberAskingOneAtATimeGetsEveryElementAndTheIteratorIsAskedOnlyAsItAsks() throws Exception {
        Iteration.Counting source = new Iteration.Counting(100);
        Future<Void> ended = loop.createFuture();
        OneAtATime subscriber = new OneAtATime(ended, source);
        AsyncIterator.toPublisher(source, loop).subscribe(subscriber);
        loop.runUntilComplete(ended);
        subscriber.shutDown();
        List<Object> expected = new ArrayList<>(upTo(100));
        expected.add("complete");
        assertEquals(expected, subscriber.heard);
        assertTrue(subscriber.mostAskedAhead <= 1, "asked ahead of the demand: " + subscriber.mostAskedAhead);
        assertEquals(101, source.asked, "one hasNext() per element and one for the end");
    }

    @Test
    void theIteratorsFailureIsTheSubscribersError() throws Exception {
        IllegalStateException failure = new IllegalStateException("broken");
        Future<Void> ended = loop.createFuture();
        OneAtATime subscriber = new OneAtATime(ended, new Iteration.Counting(0));
        AsyncIterator.toPublisher(new Iteration.Failing(3, failure), loop).subscribe(subscriber);
        loop.runUntilComplete(ended);
        subscriber.shutDown();
        assertEquals(List.of(0, 1, 2, failure), subscriber.heard);
    }

    @Test
    void aNonPositiveRequestIsAnErrorAndASecondSubscriberIsRefused() throws Exception {
        Flow.Publisher<Integer> publisher = AsyncIterator.toPublisher(new Iteration.Counting(5), loop);
        Future<Void> ended = loop.createFuture();
        List<Object> heard = new ArrayList<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(0);
            }

            @Override
            public void onNext(Integer item) {
                heard.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                heard.add(throwable.getClass().getSimpleName());
                ended.setResult(null);
            }

            @Override
            public void onComplete() {
                heard.add("complete");
            }
        });
        loop.runUntilComplete(ended);
        assertEquals(List.of("IllegalArgumentException"), heard);

        List<Throwable> second = new ArrayList<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {}

            @Override
            public void onNext(Integer item) {}

            @Override
            public void onError(Throwable throwable) {
                second.add(throwable);
            }

            @Override
            public void onComplete() {}
        });
        assertEquals(1, second.size());
        assertTrue(second.get(0) instanceof IllegalStateException);
    }

    @Test
    void aCancelledSubscriptionHearsNothingMore() throws Exception {
        Iteration.Counting source = new Iteration.Counting(1_000);
        List<Integer> heard = new ArrayList<>();
        Future<Void> third = loop.createFuture();
        AsyncIterator.toPublisher(source, loop).subscribe(new Flow.Subscriber<>() {
            Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer item) {
                heard.add(item);
                if (heard.size() == 3) {
                    subscription.cancel();
                    third.setResult(null);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                heard.add(-1);
            }

            @Override
            public void onComplete() {
                heard.add(-2);
            }
        });
        loop.runUntilComplete(third);
        loop.runUntilComplete(Asyncio.sleep(0.01)); // room for anything wrongly still coming
        assertEquals(List.of(0, 1, 2), heard);
        assertFalse(source.asked > 4, "the walk stopped: asked " + source.asked);
    }
}
