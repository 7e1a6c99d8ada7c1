package io.jasyncio.it.net.subprocess;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.Done;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import io.jasyncio.net.StreamReader;
import io.jasyncio.net.StreamWriter;
import io.jasyncio.net.Subprocess;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Programs that drive child processes through {@link Subprocess}'s awaitable pipes. */
public final class SubprocessScenarios {
    private SubprocessScenarios() {}

    /** What a child gave: its output (null for a stream that is not piped) and return code. */
    public record Outcome(byte[] stdout, byte[] stderr, int returncode) {}

    /** A conversation with {@code cat}: each line, then its echo; then EOF, the rest, the exit. */
    public record Conversation(List<byte[]> echoes, byte[] rest, boolean atEof, int returncode) {}

    /** Writes each line to {@code cat} and reads its echo, then closes stdin and reads to the end. */
    @Async
    public static Coroutine<Conversation> echoThroughCat(List<byte[]> lines) {
        Subprocess cat = await(Subprocess.createSubprocessExec("cat"));
        List<byte[]> echoes = new ArrayList<>();
        for (byte[] line : lines) {
            cat.stdin().write(line);
            await(cat.stdin().drain());
            echoes.add(await(cat.stdout().readline()));
        }
        cat.stdin().writeEof();
        byte[] rest = await(cat.stdout().read());
        boolean atEof = cat.stdout().atEof();
        int returncode = await(cat.waitFor());
        return result(new Conversation(echoes, rest, atEof, returncode));
    }

    /** Runs {@code builder}'s command through communicate(input). */
    @Async
    public static Coroutine<Outcome> communicate(ProcessBuilder builder, byte[] input) {
        Subprocess child = await(Subprocess.createSubprocessExec(builder));
        Subprocess.Communicated out = await(child.communicate(input));
        return result(new Outcome(out.stdout(), out.stderr(), child.returncode()));
    }

    /** Starts {@code builder} and reports which of its streams are piped, as "in out err" flags. */
    @Async
    public static Coroutine<String> pipedStreams(ProcessBuilder builder) {
        Subprocess child = await(Subprocess.createSubprocessExec(builder));
        String piped = (child.stdin() != null) + " " + (child.stdout() != null) + " " + (child.stderr() != null);
        await(child.communicate());
        return result(piped);
    }

    /** Waits for a child and returns its return code. */
    @Async
    public static Coroutine<Integer> exitCode(String program, String... args) {
        Subprocess child = await(Subprocess.createSubprocessExec(program, args));
        int returncode = await(child.waitFor());
        if (child.returncode() != returncode) {
            throw new IllegalStateException("returncode() " + child.returncode() + " but waitFor() " + returncode);
        }
        return result(returncode);
    }

    /** How a signal is sent to a child. */
    public enum Signal { TERMINATE, KILL, SIGUSR1 }

    /** Starts {@code sleep 30}, signals it and returns its return code. */
    @Async
    public static Coroutine<Integer> signalled(Signal signal) {
        Subprocess sleeper = await(Subprocess.createSubprocessExec("sleep", "30"));
        if (sleeper.returncode() != null) {
            throw new IllegalStateException("a return code before the exit: " + sleeper.returncode());
        }
        switch (signal) {
            case TERMINATE -> sleeper.terminate();
            case KILL -> sleeper.kill();
            case SIGUSR1 -> sleeper.sendSignal(10);
        }
        Subprocess.Communicated out = await(sleeper.communicate());
        if (out.stdout().length != 0 || out.stderr().length != 0) {
            throw new IllegalStateException("output from sleep");
        }
        return result(sleeper.returncode());
    }

    /**
     * Asyncio.waitFor(communicate(), 0.1) on {@code sleep 30}: returns "timed out" and the return
     * code once the child, still running after the timeout, is killed.
     */
    @Async
    public static Coroutine<String> communicateTimesOut() {
        Subprocess sleeper = await(Subprocess.createSubprocessExec("sleep", "30"));
        String outcome;
        try {
            await(Asyncio.waitFor(sleeper.communicate(), 0.1));
            outcome = "no timeout";
        } catch (TimeoutError e) {
            outcome = "timed out, returncode " + sleeper.returncode();
        }
        sleeper.kill();
        int returncode = await(sleeper.waitFor());
        return result(outcome + ", then " + returncode);
    }

    /** What a large transfer through {@code cat} observed. */
    public record Transfer(
            int received, int firstMismatch, int writtenWhileUnread, int maxBuffered, int returncode) {}

    /**
     * Pipes {@code size} bytes through {@code cat} in 64 KiB writes, each followed by drain().
     * Nobody reads for the first 0.5 s, so the writer must stall once the pipes and buffers are
     * full (the bytes written by then are reported); then the output is read to its end and
     * checked byte by byte.
     */
    @Async
    public static Coroutine<Transfer> transferThroughCat(int size) {
        Subprocess cat = await(Subprocess.createSubprocessExec("cat"));
        int[] progress = new int[2]; // bytes written; most bytes buffered in the stdin transport
        Task<Void> writer = Asyncio.createTask(writePattern(cat.stdin(), size, progress));
        Done<Void> early = await(Asyncio.wait(Set.of(writer), 0.5));
        int writtenWhileUnread = early.done().isEmpty() ? progress[0] : -1;
        byte[] received = await(readAll(cat.stdout()));
        await(writer);
        int returncode = await(cat.waitFor());
        int mismatch = -1;
        for (int i = 0; i < received.length; i++) {
            if (received[i] != pattern(i)) {
                mismatch = i;
                break;
            }
        }
        return result(new Transfer(received.length, mismatch, writtenWhileUnread, progress[1], returncode));
    }

    @Async
    private static Coroutine<Void> writePattern(StreamWriter stdin, int size, int[] progress) {
        int chunk = 64 * 1024;
        for (int offset = 0; offset < size; offset += chunk) {
            byte[] data = new byte[Math.min(chunk, size - offset)];
            for (int i = 0; i < data.length; i++) {
                data[i] = pattern(offset + i);
            }
            stdin.write(data);
            progress[1] = Math.max(progress[1], stdin.transport().getWriteBufferSize());
            await(stdin.drain());
            progress[0] = offset + data.length;
        }
        stdin.writeEof();
        return result();
    }

    /** Reads in pieces of at most 64 KiB, as a consumer of a stream would. */
    @Async
    private static Coroutine<byte[]> readAll(StreamReader reader) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            byte[] piece = await(reader.read(64 * 1024));
            if (piece.length == 0) {
                break;
            }
            all.write(piece, 0, piece.length);
        }
        return result(all.toByteArray());
    }

    static byte pattern(int i) {
        return (byte) (i * 31 + (i >>> 16));
    }

    /** Starts {@code cat} and returns it, leaving it running. */
    @Async
    public static Coroutine<Subprocess> startCat() {
        return result(await(Subprocess.createSubprocessExec("cat")));
    }
}
