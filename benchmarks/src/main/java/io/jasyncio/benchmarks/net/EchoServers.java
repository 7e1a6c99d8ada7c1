package io.jasyncio.benchmarks.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.Server;
import io.jasyncio.net.StreamReader;
import io.jasyncio.net.StreamWriter;
import io.jasyncio.net.Streams;
import io.jasyncio.net.Transport;
import io.jasyncio.net.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Java echo servers of {@link NetHarness}, one per process so that the harness can read
 * the server's own CPU time from {@code /proc/PID/stat}. Each listens on an ephemeral port of
 * 127.0.0.1, prints {@code PORT <n>}, and serves on one thread until its standard input ends.
 * <ul>
 *   <li>{@code jasyncio-streams}: an {@code @Async} handler reading with
 *       {@code StreamReader.read} and writing with {@code StreamWriter.write} + {@code drain};</li>
 *   <li>{@code jasyncio-protocol}: a {@code Protocol} whose {@code dataReceived} writes back;</li>
 *   <li>{@code netty}: Netty's NIO transport, one event loop thread for accepting and serving;</li>
 *   <li>{@code raw-nio}: a hand-written selector loop, the floor for a Java server.</li>
 * </ul>
 * Usage: {@code java -cp benchmarks.jar io.jasyncio.benchmarks.net.EchoServers KIND}.
 */
public final class EchoServers {
    private static final int READ_SIZE = 64 * 1024;

    private EchoServers() {}

    public static void main(String[] args) throws Exception {
        switch (args.length == 1 ? args[0] : "") {
            case "jasyncio-streams" -> jasyncio(false);
            case "jasyncio-protocol" -> jasyncio(true);
            case "netty" -> netty();
            case "raw-nio" -> rawNio();
            default -> throw new IllegalArgumentException(
                    "usage: EchoServers jasyncio-streams|jasyncio-protocol|netty|raw-nio");
        }
    }

    // ---- jasyncio ---------------------------------------------------------------------------

    @Async
    static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {
        byte[] data;
        while ((data = await(reader.read(READ_SIZE))).length > 0) {
            writer.write(data);
            await(writer.drain());
        }
        writer.close();
        return result();
    }

    /** Writes back what it receives. */
    static final class EchoProtocol implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    private static void jasyncio(boolean protocol) {
        try (EventLoop loop = EventLoop.newEventLoop()) {
            Server server = loop.runUntilComplete(protocol
                    ? Transports.createServer(loop, EchoProtocol::new, "127.0.0.1", 0)
                    : Streams.startServer(EchoServers::echo, "127.0.0.1", 0));
            announce(server.sockets().get(0).socket().getLocalPort());
            stopWhenStdinEnds(loop::stop);
            loop.runForever();
            server.close();
        }
    }

    // ---- Netty ------------------------------------------------------------------------------

    @ChannelHandler.Sharable
    static final class NettyEcho extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static void netty() throws InterruptedException {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try {
            NettyEcho echo = new NettyEcho();
            ChannelFuture bound = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(echo)
                    .bind("127.0.0.1", 0)
                    .sync();
            announce(((InetSocketAddress) bound.channel().localAddress()).getPort());
            Object done = new Object();
            stopWhenStdinEnds(() -> {
                synchronized (done) {
                    done.notifyAll();
                }
            });
            synchronized (done) {
                done.wait();
            }
            bound.channel().close().sync();
        } finally {
            group.shutdownGracefully().sync();
        }
    }

    // ---- raw NIO ----------------------------------------------------------------------------

    private static void rawNio() throws IOException {
        try (Selector selector = Selector.open(); ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0), 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            announce(server.socket().getLocalPort());
            AtomicBoolean stop = new AtomicBoolean();
            stopWhenStdinEnds(() -> {
                stop.set(true);
                selector.wakeup();
            });
            ByteBuffer buffer = ByteBuffer.allocateDirect(READ_SIZE);
            while (!stop.get()) {
                selector.select(key -> {
                    try {
                        if (key.isAcceptable()) {
                            SocketChannel connection = server.accept();
                            if (connection != null) {
                                connection.configureBlocking(false);
                                connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
                                connection.register(selector, SelectionKey.OP_READ);
                            }
                            return;
                        }
                        SocketChannel connection = (SocketChannel) key.channel();
                        buffer.clear();
                        if (connection.read(buffer) < 0) {
                            connection.close();
                            return;
                        }
                        buffer.flip();
                        connection.write(buffer); // 64-byte echoes always fit the socket buffer
                    } catch (IOException e) {
                        key.cancel();
                    }
                });
            }
        }
    }

    // ---- shared -----------------------------------------------------------------------------

    private static void announce(int port) {
        System.out.println("PORT " + port);
        System.out.flush();
    }

    /** Runs {@code stop} on a daemon thread once standard input ends (the harness closes it). */
    private static void stopWhenStdinEnds(Runnable stop) {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // discard
                }
            } catch (IOException e) {
                // treat a broken stdin as its end
            }
            stop.run();
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
