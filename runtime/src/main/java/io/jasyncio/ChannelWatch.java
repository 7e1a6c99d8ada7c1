package io.jasyncio;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * What the loop watches on one channel: at most one reader and one writer callback, as
 * asyncio's {@code add_reader}/{@code add_writer} keep per file descriptor. It is the
 * attachment of the channel's {@link SelectionKey}; the key's interest set always says exactly
 * which of the two are present, so a channel nobody watches costs the selector nothing.
 *
 * <p>The key is never cancelled here: a channel is deregistered only when it is closed, so
 * removing and re-adding a callback within one iteration never meets a cancelled key.
 */
final class ChannelWatch {
    static final int READ = 0;
    static final int WRITE = 1;

    final SelectionKey key;
    private Handle reader;
    private Handle writer;

    ChannelWatch(SelectionKey key) {
        this.key = key;
    }

    /** Installs the {@link #READ} or {@link #WRITE} callback; returns the one it replaces. */
    Handle set(int direction, Handle handle) {
        Handle previous = swap(direction, handle);
        updateInterest();
        return previous;
    }

    /**
     * Removes the {@link #READ} or {@link #WRITE} callback, if any, and returns it. The interest
     * set is updated unless the channel was closed meanwhile (its key is then cancelled).
     */
    Handle clear(int direction) {
        Handle previous = swap(direction, null);
        if (previous != null && key.isValid()) {
            updateInterest();
        }
        return previous;
    }

    boolean isEmpty() {
        return reader == null && writer == null;
    }

    private Handle swap(int direction, Handle handle) {
        Handle previous;
        if (direction == READ) {
            previous = reader;
            reader = handle;
        } else {
            previous = writer;
            writer = handle;
        }
        return previous;
    }

    /** Makes the key's interest set say exactly which callbacks are present. */
    private void updateInterest() {
        SelectableChannel channel = key.channel();
        int ops = 0;
        if (reader != null) {
            ops |= channel.validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
        }
        if (writer != null) {
            ops |= channel instanceof SocketChannel socket && socket.isConnectionPending()
                    ? SelectionKey.OP_CONNECT
                    : channel.validOps() & SelectionKey.OP_WRITE;
        }
        key.interestOps(ops);
    }

    /** Queues the callbacks whose readiness the selector reported. */
    void dispatch(ArrayDeque<Handle> ready) {
        int readyOps = key.readyOps();
        if (reader != null && (readyOps & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
            ready.addLast(reader);
        }
        if (writer != null && (readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            ready.addLast(writer);
        }
    }
}
