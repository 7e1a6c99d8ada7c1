package io.jasyncio.examples;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.ContextVar;
import io.jasyncio.Coroutine;
import io.jasyncio.Runner;
import io.jasyncio.Task;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Server;
import io.jasyncio.net.StreamReader;
import io.jasyncio.net.StreamWriter;
import io.jasyncio.net.Streams;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A chat server on streams: what one member says, the others hear. Each connection's handler
 * sets its own id in a {@link ContextVar}, so every server log line names the connection it
 * is about, however the handlers interleave. Ctrl-C (SIGINT) ends it gracefully through
 * {@link Runner}, which cancels the main coroutine: it stops listening, tells every member,
 * closes their connections and waits until each handler has finished.
 *
 * <p>{@code ChatServer serve} listens on 127.0.0.1:8888 until Ctrl-C (try it with
 * {@code nc 127.0.0.1 8888}). Without arguments, two members chat with it, and then the
 * program sends itself the Ctrl-C a user would type:
 *
 * <pre>
 * [server] listening on 127.0.0.1:...
 * [conn-1] alice joined
 * alice hears: * welcome alice, 1 online
 * [conn-2] bob joined
 * bob hears: * welcome bob, 2 online
 * alice hears: * bob joined
 * [conn-1] alice says: hi bob
 * bob hears: alice: hi bob
 * ...
 * [server] Ctrl-C: closing
 * [conn-1] alice left
 * [conn-2] bob left
 * alice hears: * the server is shutting down
 * bob hears: * the server is shutting down
 * [server] closed
 * stopped by Ctrl-C
 * </pre>
 */
public final class ChatServer {
    private static final ContextVar<String> CONNECTION = new ContextVar<>("connection", "server");

    /** The members online, by connection id; the loop's thread is the only one to touch it. */
    private final Map<String, StreamWriter> members = new LinkedHashMap<>();
    private int connections;

    static void log(String message) {
        System.out.println("[" + CONNECTION.get() + "] " + message);
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8).strip();
    }

    private void tellOthers(String from, String message) {
        members.forEach((id, writer) -> {
            if (!id.equals(from)) {
                writer.write(line(message));
            }
        });
    }

    /** One connection, in a task of its own: a name, then lines until the member leaves or the server closes. */
    @Async
    Coroutine<Void> member(StreamReader reader, StreamWriter writer) {
        String id = "conn-" + ++connections;
        CONNECTION.set(id); // this handler's context only: the other handlers keep theirs
        writer.write(line("name?"));
        String name = text(await(reader.readline()));
        if (name.isEmpty()) {
            writer.close();
            return result();
        }
        members.put(id, writer);
        log(name + " joined");
        writer.write(line("* welcome " + name + ", " + members.size() + " online"));
        tellOthers(id, "* " + name + " joined");
        try {
            for (byte[] said = await(reader.readline()); said.length > 0; said = await(reader.readline())) {
                log(name + " says: " + text(said));
                tellOthers(id, name + ": " + text(said));
                await(writer.drain());
            }
        } finally {
            members.remove(id);
            log(name + " left");
            tellOthers(id, "* " + name + " left");
            writer.close();
        }
        return result();
    }

    /** Serves until cancelled (Ctrl-C), then shuts down gracefully; {@code demo}: with two members chatting. */
    @Async
    Coroutine<Void> serve(int port, boolean demo) {
        Server server = await(Streams.startServer(this::member, "127.0.0.1", port));
        int bound = ((InetSocketAddress) server.sockets().get(0).socket().getLocalSocketAddress()).getPort();
        log("listening on 127.0.0.1:" + bound);
        Task<Void> chat = demo ? createTask(chat(bound)) : null;
        try {
            await(Asyncio.getRunningLoop().createFuture()); // until Ctrl-C
        } catch (CancelledError interrupted) {
            log("Ctrl-C: closing");
            server.close(); // no new members
            members.values().forEach(writer -> writer.write(line("* the server is shutting down")));
            server.closeClients(); // each handler reads the end of its stream and runs its finally block
            await(server.waitClosed());
            if (chat != null) {
                await(chat);
            }
            log("closed");
            throw interrupted;
        }
        return result();
    }

    /** A member's side of the demo: its connection, and what it hears printed as it comes. */
    static final class Member {
        final String name;
        final Connection connection;

        private Member(String name, Connection connection) {
            this.name = name;
            this.connection = connection;
        }

        @Async
        static Coroutine<Member> join(int port, String name) {
            Connection connection = await(Streams.openConnection("127.0.0.1", port));
            await(connection.reader().readline()); // "name?"
            connection.writer().write(line(name));
            Member member = new Member(name, connection);
            await(member.hear()); // the welcome: the server has taken the member in
            return result(member);
        }

        void say(String text) {
            connection.writer().write(line(text));
        }

        /** The next line this member hears, printed; null at the end of the connection. */
        @Async
        Coroutine<String> hear() {
            byte[] heard = await(connection.reader().readline());
            if (heard.length == 0) {
                return result(null);
            }
            System.out.println(name + " hears: " + text(heard));
            return result(text(heard));
        }

        @Async
        Coroutine<Void> hearUntilTheEnd() {
            while (await(hear()) != null) {
                // printed by hear()
            }
            connection.writer().close();
            return result();
        }
    }

    @Async
    static Coroutine<Void> chat(int port) {
        Member alice = await(Member.join(port, "alice"));
        Member bob = await(Member.join(port, "bob"));
        await(alice.hear()); // "* bob joined": both are in
        alice.say("hi bob");
        await(bob.hear());
        bob.say("hi alice, bye for now");
        await(alice.hear());
        // What a user's Ctrl-C does: the JVM gets SIGINT, and Runner cancels the main coroutine.
        sun.misc.Signal.raise(new sun.misc.Signal("INT"));
        await(alice.hearUntilTheEnd());
        await(bob.hearUntilTheEnd());
        return result();
    }

    public static void main(String[] args) {
        boolean demo = args.length == 0 || !args[0].equals("serve");
        try (Runner runner = new Runner()) {
            runner.run(new ChatServer().serve(demo ? 0 : 8888, demo));
        } catch (CancelledError interrupted) {
            System.out.println("stopped by Ctrl-C");
        }
    }
}
