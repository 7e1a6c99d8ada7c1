package io.jasyncio.benchmarks.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The load of {@link NetHarness}: {@code connections} connections to an echo server, each
 * doing {@code roundTrips} round trips of one {@code size}-byte message (send, then wait for
 * the whole echo before the next), all connections at once on one selector thread. Every
 * echoed byte is checked. The same client for every server, so only the servers differ.
 */
final class EchoClient {
    private final int connections;
    private final int roundTrips;
    private final int size;

    EchoClient(int connections, int roundTrips, int size) {
        this.connections = connections;
        this.roundTrips = roundTrips;
        this.size = size;
    }

    /** One connection's state: its message and how much of the echo has arrived. */
    private final class Conversation {
        final SocketChannel channel;
        final ByteBuffer message = ByteBuffer.allocateDirect(size);
        final ByteBuffer echo = ByteBuffer.allocateDirect(size);
        int done;

        Conversation(SocketChannel channel, int id) {
            this.channel = channel;
            for (int i = 0; i < size; i++) {
                message.put((byte) (id * 31 + i));
            }
        }

        void send() throws IOException {
            message.clear();
            while (message.hasRemaining()) {
                channel.write(message);
            }
            echo.clear();
        }

        /** Reads what arrived; true once every round trip is done. */
        boolean readable() throws IOException {
            if (channel.read(echo) < 0) {
                throw new IOException("the server closed the connection after " + done + " round trips");
            }
            if (echo.hasRemaining()) {
                return false;
            }
            if (!echo.flip().equals(message.clear())) {
                throw new IOException("the echo differs from the message");
            }
            if (++done == roundTrips) {
                return true;
            }
            send();
            return false;
        }
    }

    /** Runs the load against {@code 127.0.0.1:port}; returns the round trips made. */
    long run(int port, long deadlineNanos) throws IOException {
        List<Conversation> conversations = new ArrayList<>(connections);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                Conversation conversation = new Conversation(channel, i);
                conversations.add(conversation);
                channel.register(selector, SelectionKey.OP_READ, conversation);
            }
            for (Conversation conversation : conversations) {
                conversation.send();
            }
            int[] finished = {0};
            IOException[] failure = {null};
            while (finished[0] < connections) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new IOException("the echo load did not finish in time: " + finished[0] + " of "
                            + connections + " connections done");
                }
                selector.select(key -> {
                    try {
                        if (((Conversation) key.attachment()).readable()) {
                            finished[0]++;
                            key.cancel();
                        }
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }, 1000);
                if (failure[0] != null) {
                    throw failure[0];
                }
            }
        } finally {
            for (Conversation conversation : conversations) {
                conversation.channel.close();
            }
        }
        return (long) connections * roundTrips;
    }
}
