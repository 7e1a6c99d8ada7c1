package io.jasyncio.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process with awaitable pipes: asyncio's {@code asyncio.subprocess.Process}, named so
 * as not to clash with {@link java.lang.Process}. Create it with
 * {@link #createSubprocessExec(String, String...)} on a running loop, and use it on that loop's
 * thread.
 *
 * <pre>{@code
 * @Async Coroutine<String> upper(String text) {
 *     Subprocess tr = await(Subprocess.createSubprocessExec("tr", "a-z", "A-Z"));
 *     Subprocess.Communicated out = await(tr.communicate(text.getBytes(UTF_8)));
 *     if (tr.returncode() != 0) {
 *         throw new IllegalStateException(new String(out.stderr(), UTF_8));
 *     }
 *     return result(new String(out.stdout(), UTF_8));
 * }
 *
 * @Async Coroutine<String> echo(String line) {   // a conversation through the streams
 *     Subprocess cat = await(Subprocess.createSubprocessExec("cat"));
 *     cat.stdin().write((line + "\n").getBytes(UTF_8));
 *     await(cat.stdin().drain());                  // waits while over 64 KiB are queued
 *     byte[] echo = await(cat.stdout().readline());
 *     cat.stdin().close();                         // cat reads end of file and exits
 *     int returncode = await(cat.waitFor());
 *     return result(new String(echo, UTF_8));
 * }
 * }</pre>
 *
 * <h2>Differences from asyncio</h2>
 * <ul>
 *   <li>{@link #waitFor()} is asyncio's {@code wait()}: {@code Object.wait()} is final.</li>
 *   <li>{@link #returncode()} of a child killed by a signal: the JDK reports signal N as the
 *       exit value 128 + N, exactly what a child that calls {@code exit(128 + N)} reports, and
 *       neither {@code Process} nor {@code ProcessHandle} can tell them apart. So the return
 *       code is -N, as in asyncio, when this object sent signal N ({@link #terminate()},
 *       {@link #kill()}, {@link #sendSignal(int)}) and the exit value is 128 + N; otherwise it
 *       is the exit value as the JDK gives it (a child killed by someone else gives 128 + N,
 *       like a shell's {@code $?}).</li>
 *   <li>{@link #sendSignal(int)} sends SIGTERM and SIGKILL through {@link ProcessHandle}, and
 *       other signals by running {@code kill -N pid}, which the loop waits for (about a
 *       millisecond). Signal numbers are the platform's (Linux: SIGUSR1 is 10).</li>
 *   <li>As asyncio's {@code Popen}, the process is started (fork and exec) on the loop's
 *       thread; nothing waits for the program itself.</li>
 *   <li>The child's stdin pipe counts as closed when the child exits (asyncio sees the child's
 *       end close; Java cannot watch a pipe's far end).</li>
 * </ul>
 *
 * <h2>Implementation</h2>
 * The JDK's process pipes only block, so each piped stream has a daemon thread, named
 * {@code jasyncio-subprocess-<pid>-stdin} (or {@code -stdout}, {@code -stderr}), that blocks
 * on it instead of the loop: {@link PipeReadTransport} feeds a {@link StreamReader} through
 * {@code callSoonThreadsafe} and stops reading while the reader is full (so a child that
 * writes faster than it is read blocks on its pipe, as under asyncio), and
 * {@link PipeWriteTransport} writes what {@link StreamWriter#write} queued, with
 * {@link StreamWriter#drain()} waiting while more than 64 KiB are queued. The exit is noticed
 * through {@link java.lang.Process#onExit()}. The threads end with their pipes: an output
 * thread at the pipe's end of file or when its transport is closed, the stdin thread when
 * stdin is closed, at the latest when the child exits. An output that is piped but never read
 * holds its thread, paused, until it is read or its transport closed, as asyncio holds the
 * pipe. If the loop is closed first, the threads end at their next hand-over to it, or when
 * the child exits.
 */
public final class Subprocess {
    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;
    private static final int HIGHEST_SIGNAL = 64;

    private final EventLoop loop;
    private final java.lang.Process process;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;
    private final PipeWriteTransport stdinPipe;
    private final PipeReadTransport stdoutPipe;
    private final PipeReadTransport stderrPipe;
    /** Pipes whose protocol has not yet had {@code connectionLost}. */
    private int openPipes;
    private Integer returncode;
    /** Bit N-1 is set once this object sent signal N. */
    private long signalsSent;
    /** waitFor() calls made before the exit; null once released. */
    private List<Future<Integer>> exitWaiters = new ArrayList<>();

    private Subprocess(EventLoop loop, java.lang.Process process, ProcessBuilder builder) {
        this.loop = loop;
        this.process = process;
        String threadName = "jasyncio-subprocess-" + process.pid() + "-";
        if (builder.redirectInput() == Redirect.PIPE) {
            StreamReaderProtocol protocol = pipeProtocol(null);
            stdinPipe = new PipeWriteTransport(loop, process.getOutputStream(), protocol, threadName + "stdin");
            stdin = new StreamWriter(stdinPipe, protocol, null);
        } else {
            stdinPipe = null;
            stdin = null;
        }
        stdoutPipe = builder.redirectOutput() == Redirect.PIPE
                ? outputPipe(process.getInputStream(), threadName + "stdout") : null;
        stderrPipe = builder.redirectError() == Redirect.PIPE && !builder.redirectErrorStream()
                ? outputPipe(process.getErrorStream(), threadName + "stderr") : null;
        stdout = reader(stdoutPipe);
        stderr = reader(stderrPipe);
    }

    /**
     * Starts {@code command} through the system's shell ({@code /bin/sh -c}, or {@code cmd /c}
     * on Windows), its stdin, stdout and stderr all piped: asyncio's
     * {@code create_subprocess_shell}. The command is the shell's to interpret, quoting and
     * all: never build it from untrusted input.
     *
     * @throws UncheckedIOException (when awaited) if the shell cannot be started
     */
    public static Coroutine<Subprocess> createSubprocessShell(String command) {
        if (command == null) {
            throw new NullPointerException("command");
        }
        return createSubprocessExec(new ProcessBuilder(shell(command)));
    }

    /**
     * {@link #createSubprocessShell(String)} with the process's other settings (directory,
     * environment, redirects) taken from {@code template}, whose command is replaced.
     */
    public static Coroutine<Subprocess> createSubprocessShell(String command, ProcessBuilder template) {
        if (command == null) {
            throw new NullPointerException("command");
        }
        ProcessBuilder builder = new ProcessBuilder(shell(command))
                .directory(template.directory())
                .redirectInput(template.redirectInput())
                .redirectOutput(template.redirectOutput())
                .redirectError(template.redirectError())
                .redirectErrorStream(template.redirectErrorStream());
        builder.environment().clear();
        builder.environment().putAll(template.environment());
        return createSubprocessExec(builder);
    }

    private static List<String> shell(String command) {
        return System.getProperty("os.name", "").startsWith("Windows")
                ? List.of("cmd", "/c", command)
                : List.of("/bin/sh", "-c", command);
    }

    /**
     * Starts {@code program} with {@code args}, its stdin, stdout and stderr all piped.
     *
     * @throws UncheckedIOException (when awaited) if the program cannot be started
     */
    public static Coroutine<Subprocess> createSubprocessExec(String program, String... args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add(program);
        command.addAll(List.of(args));
        return createSubprocessExec(new ProcessBuilder(command));
    }

    /**
     * Starts the process {@code builder} describes (it is not modified). Its redirects decide
     * the streams: {@link Redirect#PIPE} gives a {@link #stdin()}, {@link #stdout()} or
     * {@link #stderr()}; any other redirect (inherit, discard, a file) leaves it null, and so
     * does {@code redirectErrorStream(true)} for stderr, which then goes to stdout (asyncio's
     * {@code stderr=STDOUT}).
     *
     * @throws UncheckedIOException (when awaited) if the program cannot be started
     */
    @Async
    public static Coroutine<Subprocess> createSubprocessExec(ProcessBuilder builder) {
        return result(start(Asyncio.getRunningLoop(), builder));
    }

    private static Subprocess start(EventLoop loop, ProcessBuilder builder) {
        java.lang.Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        Subprocess subprocess = new Subprocess(loop, process, builder);
        for (PipeTransport pipe : subprocess.pipes()) {
            pipe.start();
        }
        process.onExit().thenRun(subprocess::exitedOnAnotherThread);
        return subprocess;
    }

    private StreamReaderProtocol pipeProtocol(StreamReader reader) {
        StreamReaderProtocol protocol = new StreamReaderProtocol(loop, reader, null);
        openPipes++;
        protocol.closed().addDoneCallback(closed -> pipeClosed());
        return protocol;
    }

    private PipeReadTransport outputPipe(InputStream stream, String threadName) {
        return new PipeReadTransport(loop, stream, pipeProtocol(new StreamReader()), threadName);
    }

    private static StreamReader reader(PipeReadTransport pipe) {
        return pipe == null ? null : ((StreamReaderProtocol) pipe.getProtocol()).reader();
    }

    private List<PipeTransport> pipes() {
        List<PipeTransport> pipes = new ArrayList<>(3);
        for (PipeTransport pipe : new PipeTransport[] {stdinPipe, stdoutPipe, stderrPipe}) {
            if (pipe != null) {
                pipes.add(pipe);
            }
        }
        return pipes;
    }

    // ---- the exit --------------------------------------------------------------------------

    /** On the JDK's process reaper (or the loop's thread if the child was already gone). */
    private void exitedOnAnotherThread() {
        try {
            loop.callSoonThreadsafe(this::exited);
        } catch (IllegalStateException loopClosed) {
            for (PipeTransport pipe : pipes()) {
                pipe.stop();
            }
        }
    }

    private void exited() {
        int status = process.exitValue();
        int signal = status - 128;
        boolean ourSignal = signal > 0 && signal <= HIGHEST_SIGNAL && (signalsSent & (1L << (signal - 1))) != 0;
        returncode = ourSignal ? -signal : status;
        if (stdinPipe != null) {
            stdinPipe.close(); // the child's end is closed: what is still queued fails as a broken pipe
        }
        maybeReleaseWaiters();
    }

    private void pipeClosed() {
        openPipes--;
        maybeReleaseWaiters();
    }

    /** As asyncio: waitFor() calls made before the exit return once every pipe is closed too. */
    private void maybeReleaseWaiters() {
        if (returncode == null || openPipes > 0 || exitWaiters == null) {
            return;
        }
        for (Future<Integer> waiter : exitWaiters) {
            if (!waiter.done()) {
                waiter.setResult(returncode);
            }
        }
        exitWaiters = null;
    }

    // ---- the API ---------------------------------------------------------------------------

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /**
     * The exit status once the loop has noticed the exit, else null; minus the signal number
     * for a child killed by a signal this object sent (see the class comment).
     */
    public Integer returncode() {
        return returncode;
    }

    /** The child's stdin, or null unless it is piped. */
    public StreamWriter stdin() {
        return stdin;
    }

    /** The child's stdout, or null unless it is piped. */
    public StreamReader stdout() {
        return stdout;
    }

    /** The child's stderr, or null unless it is piped separately. */
    public StreamReader stderr() {
        return stderr;
    }

    /**
     * Waits for the child to exit and returns its {@link #returncode()}: asyncio's
     * {@code wait()}, renamed because {@code Object.wait()} is final. If the exit is not known
     * yet, it also waits until the stdout and stderr pipes reached their end (or were closed)
     * and stdin is closed, as asyncio does; so a child whose output is piped but not read can
     * block on the full pipe and never exit: read it, or use {@link #communicate(byte[])}.
     */
    @Async
    public Coroutine<Integer> waitFor() {
        if (returncode != null) {
            return result(returncode);
        }
        Future<Integer> exit = loop.createFuture();
        exitWaiters.add(exit);
        return result(await(exit));
    }

    /**
     * Sends {@code input} (null: nothing) to stdin and closes it, reads stdout and stderr to
     * their end concurrently, waits for the exit, and returns the output: asyncio's
     * {@code communicate()}. A child that exits or closes its stdin before reading all the
     * input is not an error (the {@link BrokenPipeError} or {@link ConnectionResetError} is
     * ignored). Cancelling it (as {@code Asyncio.waitFor} does on a timeout) leaves the child
     * running: kill it if it should not.
     *
     * @throws IllegalStateException (when awaited) if {@code input} is given and stdin is not piped
     */
    public Coroutine<Communicated> communicate(byte[] input) {
        return communicateAll(input);
    }

    /** {@link #communicate(byte[])} with no input. */
    public Coroutine<Communicated> communicate() {
        return communicate(null);
    }

    /**
     * Sends signal {@code signal} to the child, unless it has exited (see the class comment).
     *
     * @throws IllegalArgumentException if {@code signal} is not between 1 and 64, or
     *     {@code kill} refused it
     */
    public void sendSignal(int signal) {
        if (signal < 1 || signal > HIGHEST_SIGNAL) {
            throw new IllegalArgumentException("not a signal number: " + signal);
        }
        if (returncode != null || !process.isAlive()) {
            return;
        }
        signalsSent |= 1L << (signal - 1);
        switch (signal) {
            case SIGTERM -> process.toHandle().destroy();
            case SIGKILL -> process.toHandle().destroyForcibly();
            default -> runKill(signal);
        }
    }

    /** SIGTERM: the return code becomes -15 if it ends the child. */
    public void terminate() {
        sendSignal(SIGTERM);
    }

    /** SIGKILL: the return code becomes -9. */
    public void kill() {
        sendSignal(SIGKILL);
    }

    /**
     * {@code kill -N pid}. (Process.destroy() is not used even for SIGTERM: it also closes the
     * pipes under the pipe threads, losing the output still in them.)
     */
    private void runKill(int signal) {
        try {
            java.lang.Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            byte[] message = kill.getInputStream().readAllBytes();
            if (kill.waitFor() != 0 && process.isAlive()) {
                throw new IllegalArgumentException("kill -" + signal + " failed: " + new String(message).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill to send signal " + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending signal " + signal, e);
        }
    }

    @Override
    public String toString() {
        return "<Subprocess " + process.pid() + (returncode == null ? " running" : " returncode=" + returncode) + ">";
    }

    /**
     * What {@link #communicate(byte[])} returns: the child's whole stdout and stderr, each null
     * when that stream is not piped. (A record of arrays: equals compares the arrays' identity.)
     */
    public record Communicated(byte[] stdout, byte[] stderr) {}

    /** communicate(): the three streams as gathered tasks, then the exit. */
    @Async
    private Coroutine<Communicated> communicateAll(byte[] input) {
        if (input != null && stdin == null) {
            throw new IllegalStateException("communicate(input) needs a piped stdin");
        }
        Coroutine<?> feeding = stdin == null ? Asyncio.result(null) : feedStdin(input);
        List<Object> outputs = await(Asyncio.<Object>gather(feeding, readToEnd(stdout, stdoutPipe),
                readToEnd(stderr, stderrPipe)));
        await(waitFor());
        return result(new Communicated((byte[]) outputs.get(1), (byte[]) outputs.get(2)));
    }

    /** The whole of an output stream (null if it is not piped), then its pipe is closed. */
    @Async
    private static Coroutine<byte[]> readToEnd(StreamReader reader, PipeReadTransport pipe) {
        if (reader == null) {
            return result(null);
        }
        byte[] data = await(reader.read());
        pipe.close();
        return result(data);
    }

    /** communicate()'s stdin: writes the input, waits for it to drain and closes stdin. */
    @Async
    private Coroutine<Void> feedStdin(byte[] input) {
        if (input != null) {
            stdin.write(input);
            try {
                await(stdin.drain());
            } catch (BrokenPipeError | ConnectionResetError childGone) {
                // A child that exited or closed its stdin early: communicate() ignores it.
            }
        }
        stdin.close();
        return result();
    }
}
