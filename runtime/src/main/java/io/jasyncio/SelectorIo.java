package io.jasyncio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The loop's I/O half (what Netty 4.2's {@code NioIoHandler} is to its loop, and CPython's
 * {@code selector_events} to {@code base_events}): the selector, the channels watched in it,
 * and the polls and waits of each iteration. The loop decides when to poll and how long it
 * may wait; this class does it, and queues the callbacks of the channels found ready on the
 * loop's ready queue.
 *
 * <p>Each registered key carries a {@link ChannelWatch} (the reader and writer handles, reused
 * for every readiness, so I/O dispatch allocates nothing). A loop with no channel registered
 * never makes the {@code selectNow} system call. Only the loop's thread calls it, except
 * {@link #wakeUp()}.
 */
final class SelectorIo {
    private final Selector selector;
    private final ArrayDeque<Handle> ready;
    private final RemoteQueue remote;
    /** Hands each channel the selector reports to its watch; one object for the loop's life. */
    private final Consumer<SelectionKey> dispatchReady = this::dispatchReady;
    /** Whether the last poll of the selector found a channel ready. */
    private boolean channelsFoundReady;
    /** False once a poll has left the selector without keys, until a channel registers. */
    private boolean mayHaveChannels;

    SelectorIo(ArrayDeque<Handle> ready, RemoteQueue remote) {
        this.ready = ready;
        this.remote = remote;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event loop's selector", e);
        }
    }

    /** Sets {@code handle} as the channel's callback for {@code direction}, cancelling the one it replaces. */
    void watch(SelectableChannel channel, int direction, Handle handle) {
        ChannelWatch watch = watchOf(channel);
        Handle previous = watch.set(direction, handle);
        if (previous != null) {
            previous.cancel();
        }
    }

    /** Removes the channel's callback for {@code direction}: whether there was one. */
    boolean unwatch(SelectableChannel channel, int direction) {
        ChannelWatch watch = existingWatch(channel);
        Handle previous = watch == null ? null : watch.clear(direction);
        if (previous == null) {
            return false;
        }
        previous.cancel();
        if (!watch.key.isValid() && watch.isEmpty()) {
            // The JDK keeps a registered channel's file descriptor open until a poll
            // deregisters it, so a closed listening socket would go on accepting connections
            // until the next iteration: poll now, as asyncio's close stops listening at once.
            pollNow();
        }
        return true;
    }

    private ChannelWatch watchOf(SelectableChannel channel) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the socket must be non-blocking: " + channel);
        }
        ChannelWatch watch = existingWatch(channel);
        if (watch != null) {
            if (!watch.key.isValid()) {
                throw new IllegalStateException("the channel is closed: " + channel);
            }
            return watch;
        }
        try {
            SelectionKey key = channel.register(selector, 0);
            mayHaveChannels = true;
            watch = new ChannelWatch(key);
            key.attach(watch);
            return watch;
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("the channel is closed: " + channel, e);
        }
    }

    private ChannelWatch existingWatch(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        return key == null ? null : (ChannelWatch) key.attachment();
    }

    /**
     * A poll for an iteration that has callbacks to run: skipped right after a poll that found
     * channels ready (their callbacks ran just now, and polling again at once rarely finds
     * more, so I/O waits at most one iteration for it), else without waiting.
     */
    void pollUnlessJustFound() {
        if (channelsFoundReady) {
            channelsFoundReady = false;
        } else {
            pollNow();
        }
    }

    /**
     * Polls without waiting, unless no channel is registered: then there is nothing to poll
     * (a closed channel stays registered until a poll deregisters it, so it is polled too).
     */
    void pollNow() {
        if (!mayHaveChannels) {
            return;
        }
        try {
            channelsFoundReady = selector.selectNow(dispatchReady) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("the event loop's selector failed", e);
        }
        // Asked only after a system call: the selector's key set is a ConcurrentHashMap view
        // whose isEmpty() sums its counter cells, an eighth of an iteration's time when
        // asked on every one.
        mayHaveChannels = !selector.keys().isEmpty();
    }

    /**
     * Blocks in the selector for up to {@code millis} (0: until a channel is ready or a
     * wake-up), unless {@code loop} is stopping or another thread submitted a callback.
     */
    void select(long millis, EventLoop loop) {
        if (Thread.currentThread().isInterrupted()) {
            // An interrupted thread's select returns at once, every time: the loop would spin.
            // Stop instead, leaving the interrupt set for the code that runs the loop.
            throw new IllegalStateException("the event loop's thread was interrupted while it would wait",
                    new InterruptedException());
        }
        // The mark comes before the read of the loop's stopping flag, and stop() writes that
        // flag before it looks for the mark: one of the two sees the other.
        if (!remote.markAsleep()) {
            pollNow();
            return;
        }
        try {
            if (loop.isStopping()) {
                pollNow();
            } else {
                channelsFoundReady = selector.select(dispatchReady, millis) > 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the event loop's selector failed", e);
        } finally {
            remote.markAwake();
        }
    }

    /** From any thread: ends a wait in {@link #select}. */
    void wakeUp() {
        selector.wakeup();
    }

    void close() {
        try {
            selector.close();
        } catch (IOException e) {
            EventLoop.LOG.log(System.Logger.Level.WARNING, "closing the event loop's selector failed", e);
        }
    }

    private void dispatchReady(SelectionKey key) {
        ((ChannelWatch) key.attachment()).dispatch(ready);
    }
}
