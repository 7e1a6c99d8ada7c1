package io.jasyncio;

import java.util.ArrayDeque;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

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
    final SelectionKey key;
    Handle reader;
    Handle writer;

    ChannelWatch(SelectionKey key) {
        this.key = key;
    }

    /** Updates the key's interest set after {@link #reader} or {@link #writer} changed. */
    void updateInterest() {
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
