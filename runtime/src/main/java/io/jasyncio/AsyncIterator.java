package io.jasyncio;

import java.util.concurrent.Flow;

/**
 * An iterator whose next element may not be there yet: what asyncio's {@code async for} walks.
 * {@link #hasNext()} is awaited; it completes with true once an element is ready, or false
 * when there are no more, and {@link #next()} then takes the element without waiting.
 *
 * <pre>{@code
 * AsyncIterator<byte[]> lines = reader.lines();
 * while (await(lines.hasNext())) {
 *     byte[] line = lines.next();
 *     ...
 * }
 * }</pre>
 *
 * <p>Awaiting {@code hasNext()} again before {@code next()} gives the same answer without moving
 * on. A failure of the source comes out of the await of {@code hasNext()}. Like the rest of
 * jasyncio, an iterator belongs to one loop's tasks and is not thread-safe; one task at a time
 * may wait in {@code hasNext()}.
 *
 * @param <T> the elements
 */
public interface AsyncIterator<T> {
    /**
     * An awaitable that completes with true once an element is ready for {@link #next()}, and
     * with false once there are no more.
     */
    Awaitable<Boolean> hasNext();

    /**
     * The element {@link #hasNext()} said is ready.
     *
     * @throws java.util.NoSuchElementException unless the last {@code hasNext()} completed with
     *     true and no {@code next()} has taken its element yet
     */
    T next();

    /**
     * The items of {@code publisher}, iterated on the loop of the task that first awaits
     * {@link #hasNext()}: the subscription is made then, asks for {@code prefetch} items, and
     * asks for more as they are taken, half a prefetch at a time, so the publisher never runs
     * more than {@code prefetch} items ahead of the consumer. The publisher's error comes out
     * of {@code hasNext()}; its completion makes {@code hasNext()} false. A task cancelled
     * while it waits in {@code hasNext()} cancels the subscription: the consumer is gone.
     *
     * @throws IllegalArgumentException if {@code prefetch} is less than 1
     */
    static <T> AsyncIterator<T> fromPublisher(Flow.Publisher<T> publisher, int prefetch) {
        return new PublisherIterator<>(publisher, prefetch);
    }

    /**
     * A publisher of {@code iterator}'s elements, which it takes on {@code loop} only as its
     * subscriber requests them: a task of the loop awaits {@code hasNext()} while the demand
     * lasts and stops when it is met, so a slow subscriber holds the iterator back. The
     * iterator's failure is the subscriber's {@code onError}, its end {@code onComplete}.
     * {@code cancel()} stops the task at its next step. An iterator is walked once: a second
     * subscriber gets {@code onError(IllegalStateException)}.
     */
    static <T> Flow.Publisher<T> toPublisher(AsyncIterator<T> iterator, EventLoop loop) {
        return new IteratorPublisher<>(iterator, loop);
    }
}
