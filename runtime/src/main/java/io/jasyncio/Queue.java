package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.internal.EagerIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * A first-in, first-out queue for tasks of one event loop: asyncio's {@code Queue}, with the
 * same rules.
 *
 * <p>A queue has a {@linkplain #maxsize() maxsize}: zero or less means unbounded; otherwise
 * {@link #put(Object)} waits while {@code qsize() >= maxsize} (back-pressure on the producer),
 * and {@link #putNowait(Object)} throws {@link QueueFull}. {@link #get()} waits while the queue
 * is empty, and {@link #getNowait()} throws {@link QueueEmpty}. Neither {@code put} nor
 * {@code get} suspends when it can proceed at once. Tasks waiting to put and tasks waiting to
 * get are each woken in the order they started waiting. A wake-up is only a hint: the woken
 * task checks again, so code using the {@code *Nowait} methods in between may take the slot or
 * the item first, and the woken task then waits again, behind the tasks already waiting.
 *
 * <p>Cancelling a waiting task never loses an item or a slot: if a getter was woken for an item
 * and is cancelled before it could take it, the wake-up goes to the next waiting getter and the
 * item stays in the queue (likewise for putters and free slots).
 *
 * <p>Every item put counts as an unfinished task until a consumer calls {@link #taskDone()} for
 * it; {@link #join()} waits until there are none (it returns at once for a fresh queue). Calling
 * {@code taskDone()} more often than items were put throws
 * {@code IllegalStateException("task_done() called too many times")}.
 *
 * <p>{@code put}, {@code get} and {@code join} return coroutines: as in asyncio, nothing happens
 * until they are awaited (or wrapped in a task). A queue is bound to the event loop on which it
 * first has to wait; waiting on it from another loop throws {@link IllegalStateException}. Like
 * everything bound to a loop, it is not thread-safe: use it on the loop's thread. Items may be
 * {@code null}.
 *
 * <pre>{@code
 * @Async
 * Coroutine<Void> producer(Queue<String> queue, List<String> urls) {
 *     for (String url : urls) {
 *         await(queue.put(url));          // waits while the queue is full
 *     }
 *     return result();
 * }
 *
 * @Async
 * Coroutine<Void> consumer(Queue<String> queue) {
 *     for (;;) {
 *         String url = await(queue.get()); // waits while the queue is empty
 *         try {
 *             await(download(url));
 *         } finally {
 *             queue.taskDone();
 *         }
 *     }
 * }
 *
 * @Async
 * Coroutine<Void> main(List<String> urls) {
 *     Queue<String> queue = new Queue<>(10);
 *     List<Task<Void>> workers = new ArrayList<>();
 *     for (int i = 0; i < 3; i++) {
 *         workers.add(createTask(consumer(queue)));
 *     }
 *     await(producer(queue, urls));
 *     await(queue.join());                // every url downloaded
 *     workers.forEach(Task::cancel);
 *     return result();
 * }
 * }</pre>
 *
 * <p><em>Implementation note.</em> This follows CPython 3.11's {@code asyncio/queues.py} line by
 * line: getters and putters are deques of plain futures, woken by {@code setResult(null)} from
 * {@code putNowait}/{@code getNowait}; {@code put}/{@code get} are {@code @Async} methods
 * that loop "while full/empty: wait on a new future", and on an exception at that wait cancel
 * their future, drop it from the deque and, if they had been woken (their future is not
 * cancelled) and the condition still holds, pass the wake-up on. {@code join} is asyncio's
 * {@code _finished} event inlined: a list of waiter futures all woken when the count of
 * unfinished tasks drops to zero. The storage is behind package-private hooks ({@code putItem},
 * {@code getItem}, {@code itemCount}: asyncio's {@code _put}, {@code _get} and
 * {@code len(_queue)}; {@code storedItems} for {@code toString}), which {@link LifoQueue} and
 * {@link PriorityQueue} override; this class
 * stores items in an {@link ArrayDeque}, with {@code null} masked by a sentinel. Deviation: asyncio
 * binds the queue (waits in {@code put}/{@code get}) and its {@code _finished} event (waits in
 * {@code join}) to a loop separately; here one binding covers all three, which is stricter only
 * for a queue waited on from two loops, itself an error.
 *
 * @param <T> the type of the items
 */
public class Queue<T> {
    /** Stands for a {@code null} item in {@link #items}, which cannot hold null. */
    private static final Object NULL = new Object();

    private final int maxsize;
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    /** join()'s waiters: asyncio's {@code _finished} event, set exactly when unfinished == 0. */
    private final ArrayList<Future<Void>> finishedWaiters = new ArrayList<>();
    private int unfinished;
    private boolean shutDown;
    private EventLoop loop;
    /** The FIFO storage of this class and {@link LifoQueue}; created on first put. */
    private ArrayDeque<Object> items;

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /**
     * A queue that holds at most {@code maxsize} items; zero or less means unbounded.
     */
    public Queue(int maxsize) {
        this.maxsize = maxsize;
    }

    /** The number of items in the queue. */
    public final int qsize() {
        return itemCount();
    }

    /** The most items the queue holds; zero or less means unbounded. */
    public final int maxsize() {
        return maxsize;
    }

    /** True if the queue holds no item. */
    public final boolean empty() {
        return itemCount() == 0;
    }

    /**
     * True if the queue holds {@link #maxsize()} items (never, for an unbounded queue); then
     * {@link #put(Object)} waits and {@link #putNowait(Object)} throws.
     */
    public final boolean full() {
        return maxsize > 0 && itemCount() >= maxsize;
    }

    /**
     * A coroutine that puts {@code item} into the queue, first waiting for a free slot while it
     * is full. It does not suspend when there is room.
     */
    @Async
    public final Coroutine<Void> put(T item) {
        while (full()) {
            if (shutDown) {
                throw new QueueShutDown();
            }
            Future<Void> putter = boundLoop().createFuture();
            putters.addLast(putter);
            try {
                await(putter);
            } catch (Throwable error) {
                putter.cancel(); // in case it is not done yet
                putters.remove(putter);
                if (!full() && !putter.cancelled()) {
                    wakeUpNext(putters); // woken, but not putting after all: pass it on
                }
                throw error;
            }
        }
        if (shutDown) {
            throw new QueueShutDown();
        }
        store(item);
        return result();
    }

    /**
     * Puts {@code item} into the queue without waiting, counts it as an unfinished task and
     * wakes the first task waiting to get.
     *
     * @throws QueueShutDown if the queue is {@linkplain #shutdown() shut down}
     * @throws QueueFull if the queue is {@linkplain #full() full}
     */
    public final void putNowait(T item) {
        if (shutDown) {
            throw new QueueShutDown();
        }
        if (full()) {
            throw new QueueFull();
        }
        store(item);
    }

    /**
     * A coroutine that removes and returns the next item, first waiting for one while the queue
     * is empty. It does not suspend when an item is there.
     */
    @Async
    public final Coroutine<T> get() {
        while (empty()) {
            if (shutDown) {
                throw new QueueShutDown();
            }
            Future<Void> getter = boundLoop().createFuture();
            getters.addLast(getter);
            try {
                await(getter);
            } catch (Throwable error) {
                getter.cancel(); // in case it is not done yet
                getters.remove(getter);
                if (!empty() && !getter.cancelled()) {
                    wakeUpNext(getters); // woken, but not getting after all: pass it on
                }
                throw error;
            }
        }
        return result(take());
    }

    /**
     * The items as {@link #get()} takes them, until the queue is {@linkplain #shutdown() shut
     * down} and, unless the shutdown was immediate, emptied: a consumer's loop that ends when
     * the producers are done. Each item taken still wants its {@link #taskDone()}.
     *
     * <pre>{@code
     * AsyncIterator<Job> jobs = queue.items();
     * while (await(jobs.hasNext())) {
     *     run(jobs.next());
     *     queue.taskDone();
     * }
     * }</pre>
     */
    public final AsyncIterator<T> items() {
        return new Items();
    }

    /**
     * {@link #items()}: an item taken by {@code hasNext()}, handed out by {@code next()}. Where
     * an item is there already, {@code await(items.hasNext())} takes it at once, as
     * {@code get()} does, without a coroutine of its own.
     */
    private final class Items implements AsyncIterator<T>, EagerIterator {
        private T item;
        private boolean taken;
        private boolean ended;

        @Override
        public Object hasNextNow() {
            if (!taken && !ended && !empty()) {
                item = take();
                taken = true;
            }
            return taken ? Boolean.TRUE : hasNext();
        }

        @Async
        @Override
        public Coroutine<Boolean> hasNext() {
            if (!taken && !ended) {
                try {
                    item = await(get());
                    taken = true;
                } catch (QueueShutDown shutDown) {
                    ended = true;
                }
            }
            return result(taken);
        }

        @Override
        public T next() {
            if (!taken) {
                throw new java.util.NoSuchElementException("next() without a hasNext() that completed with true");
            }
            T next = item;
            item = null;
            taken = false;
            return next;
        }
    }

    /**
     * Removes and returns the next item without waiting, and wakes the first task waiting to
     * put.
     *
     * @throws QueueShutDown if the queue is empty and {@linkplain #shutdown() shut down}
     * @throws QueueEmpty if the queue is {@linkplain #empty() empty}
     */
    public final T getNowait() {
        if (empty()) {
            if (shutDown) {
                throw new QueueShutDown();
            }
            throw new QueueEmpty();
        }
        return take();
    }

    /**
     * Tells the queue that an item taken from it has been processed: one fewer unfinished task.
     * When none is left, every task waiting in {@link #join()} is woken.
     *
     * @throws IllegalStateException "task_done() called too many times" if there is no
     *     unfinished task (asyncio's ValueError)
     */
    public final void taskDone() {
        if (unfinished <= 0) {
            throw new IllegalStateException("task_done() called too many times");
        }
        unfinished--;
        if (unfinished == 0) {
            for (Future<Void> waiter : finishedWaiters) {
                if (!waiter.done()) {
                    waiter.setResult(null);
                }
            }
        }
    }

    /** {@link #shutdown(boolean) shutdown(false)}. */
    public final void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down (asyncio 3.13's {@code shutdown}): from now on {@code put} and
     * {@code putNowait} throw {@link QueueShutDown}, and so do {@code get} and {@code getNowait}
     * once the queue is empty; every task waiting to put or get is woken to find that out. With
     * {@code immediate}, the items left are dropped at once, each counted as a task done (which
     * may wake the tasks in {@link #join()}), so gets throw at once too.
     */
    public final void shutdown(boolean immediate) {
        shutDown = true;
        if (immediate) {
            while (!empty()) {
                getItem();
                if (unfinished > 0) {
                    unfinished--;
                }
            }
            if (unfinished == 0) {
                for (Future<Void> waiter : finishedWaiters) {
                    if (!waiter.done()) {
                        waiter.setResult(null);
                    }
                }
            }
        }
        wakeAll(getters);
        wakeAll(putters);
    }

    /** True once {@link #shutdown} was called. */
    public final boolean isShutdown() {
        return shutDown;
    }

    /**
     * A coroutine that waits until every item ever put into the queue has been marked done with
     * {@link #taskDone()}. It does not suspend when none is unfinished.
     */
    @Async
    public final Coroutine<Void> join() {
        if (unfinished > 0) {
            Future<Void> waiter = boundLoop().createFuture();
            finishedWaiters.add(waiter);
            try {
                await(waiter);
            } finally {
                finishedWaiters.remove(waiter);
            }
        }
        return result();
    }

    /**
     * asyncio's {@code str(queue)}: the class, maxsize, then, when there are any, the items in
     * storage order, the number of waiting getters and putters, and of unfinished tasks:
     * {@code <Queue maxsize=1 items=[a] putters[2] tasks=1>}.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("<").append(getClass().getSimpleName())
                .append(" maxsize=").append(maxsize);
        if (itemCount() > 0) {
            text.append(" items=").append(java.util.Arrays.toString(storedItems()));
        }
        if (!getters.isEmpty()) {
            text.append(" getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            text.append(" putters[").append(putters.size()).append(']');
        }
        if (unfinished != 0) {
            text.append(" tasks=").append(unfinished);
        }
        return text.append('>').toString();
    }

    // ---- storage hooks (asyncio's _put, _get and len(_queue)) ------------------------------

    /** Stores an item; the queue has room (asyncio's {@code _put}). */
    void putItem(T item) {
        if (items == null) {
            items = new ArrayDeque<>();
        }
        items.addLast(item == null ? NULL : item);
    }

    /** Removes and returns the next item; the queue is not empty (asyncio's {@code _get}). */
    T getItem() {
        return unmask(items.pollFirst());
    }

    /** How many items are stored. */
    int itemCount() {
        return items == null ? 0 : items.size();
    }

    /** The stored items in storage order, for {@link #toString()}. */
    Object[] storedItems() {
        Object[] stored = items == null ? new Object[0] : items.toArray();
        for (int i = 0; i < stored.length; i++) {
            stored[i] = unmask(stored[i]);
        }
        return stored;
    }

    /** This class's storage, for {@link LifoQueue}'s {@code getItem}: null before the first put. */
    final ArrayDeque<Object> storage() {
        return items;
    }

    /** An element of {@link #storage()} as the item it stands for. */
    @SuppressWarnings("unchecked")
    final T unmask(Object stored) {
        return stored == NULL ? null : (T) stored;
    }

    // ---- waiting ----------------------------------------------------------------------------

    /** {@code putNowait} after its check: put has just made the same one. */
    private void store(T item) {
        putItem(item);
        unfinished++;
        wakeUpNext(getters);
    }

    /** {@code getNowait} after its check: get has just made the same one. */
    private T take() {
        T item = getItem();
        wakeUpNext(putters);
        return item;
    }

    private static void wakeAll(ArrayDeque<Future<Void>> waiters) {
        Future<Void> waiter;
        while ((waiter = waiters.pollFirst()) != null) {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        }
    }

    /** Wakes the first waiter that is not done yet, dropping it and every done one before it. */
    private static void wakeUpNext(ArrayDeque<Future<Void>> waiters) {
        Future<Void> waiter;
        while ((waiter = waiters.pollFirst()) != null) {
            if (!waiter.done()) {
                waiter.setResult(null);
                return;
            }
        }
    }

    /**
     * asyncio's {@code _get_loop()}: binds the queue to the running loop the first time it has
     * to wait, and refuses any other loop afterwards.
     */
    private EventLoop boundLoop() {
        EventLoop running = Asyncio.getRunningLoop();
        if (loop == null) {
            loop = running;
        }
        if (running != loop) {
            throw new IllegalStateException(this + " is bound to a different event loop");
        }
        return running;
    }
}
