package io.jasyncio;

/**
 * A last-in, first-out {@link Queue} (a stack): asyncio's {@code LifoQueue}. {@link #get()} and
 * {@link #getNowait()} return the item put most recently; everything else (maxsize and
 * back-pressure, FIFO wake-up of waiting tasks, cancellation, {@link #taskDone()} and
 * {@link #join()}) is {@link Queue}'s.
 *
 * <pre>{@code
 * LifoQueue<Integer> stack = new LifoQueue<>();
 * stack.putNowait(1);
 * stack.putNowait(3);
 * stack.putNowait(2);
 * int top = await(stack.get());    // 2, then 3, then 1
 * }</pre>
 *
 * <p><em>Implementation note.</em> It overrides only the storage hook that takes an item
 * (asyncio's {@code _get}): it takes from the tail of the same deque {@code Queue} appends to.
 *
 * @param <T> the type of the items
 */
public class LifoQueue<T> extends Queue<T> {
    /** An unbounded LIFO queue. */
    public LifoQueue() {
        super();
    }

    /** A LIFO queue that holds at most {@code maxsize} items; zero or less means unbounded. */
    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    T getItem() {
        return unmask(storage().pollLast());
    }
}
