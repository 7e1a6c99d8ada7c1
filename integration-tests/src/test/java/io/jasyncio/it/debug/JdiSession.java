package io.jasyncio.it.debug;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.LocalVariable;
import com.sun.jdi.Location;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.PrimitiveValue;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.StringReference;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.ListeningConnector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.LocatableEvent;
import com.sun.jdi.event.StepEvent;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.event.VMStartEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.EventRequestManager;
import com.sun.jdi.request.StepRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A debugger driving a child JVM over JDI, for tests of what a user sees when stepping through code.
 *
 * <p>{@link #launch} starts {@code mainClass} in a new JVM (same {@code java}, same class path as this JVM) suspended
 * before its first instruction, and connects to it. The helpers then play the user's part: {@link #runTo} sets a
 * breakpoint and runs to it, {@link #stepOver}/{@link #stepInto}/{@link #stepOut} step by lines as an IDE does, and
 * {@link #locals}, {@link #thisObject} etc. inspect the top frame of the stopped thread. Every event the debugger
 * requests suspends the whole VM, so nothing moves while a test inspects it.
 *
 * <p>Every wait is bounded by {@link #timeout(Duration)} (30 s unless set) and fails with an {@link AssertionError}
 * carrying the child's output so far. {@link #close()} always disconnects and kills the child.
 *
 * <p>A step that ends in a synthetic method steps on, as an IDE that skips synthetic methods does. Step requests
 * carry class exclusion filters, {@link #DEFAULT_STEP_EXCLUSIONS} unless changed with
 * {@link #stepExclusions(List)}. Mind that the default {@code "io.jasyncio.*"} also matches every class of the
 * integration tests ({@code io.jasyncio.it...}): JDI patterns may only start or end with {@code *}, so no pattern
 * excludes the runtime's package {@code io.jasyncio} without its sub-packages. Code under test in such a package needs
 * {@link #JDK_STEP_EXCLUSIONS} (or its own list), or steps never stop in it.
 */
public final class JdiSession implements AutoCloseable {

    /** The JDK's packages, as IDEs exclude them from stepping by default. */
    public static final List<String> JDK_STEP_EXCLUSIONS =
            List.of("java.*", "javax.*", "jdk.*", "sun.*", "com.sun.*");

    /** The runtime ({@code io.jasyncio.*}) and the JDK's packages. */
    public static final List<String> DEFAULT_STEP_EXCLUSIONS = List.of(
            "io.jasyncio.*", "java.*", "javax.*", "jdk.*", "sun.*", "com.sun.*");

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LINE_MARKER = Pattern.compile("//\\s*@line:(\\S+)");

    private final Process process;
    private final String mainClass;
    private final Drain stdout;
    private final Drain stderr;
    private VirtualMachine vm;
    private Duration timeout = DEFAULT_TIMEOUT;
    private List<String> stepExclusions = DEFAULT_STEP_EXCLUSIONS;
    /** The thread stopped by the last breakpoint or step, or null. */
    private ThreadReference thread;
    private Location location;
    private boolean ended;
    private boolean closed;

    private JdiSession(Process process, String mainClass) {
        this.process = process;
        this.mainClass = mainClass;
        this.stdout = new Drain(process.getInputStream(), "stdout of " + mainClass);
        this.stderr = new Drain(process.getErrorStream(), "stderr of " + mainClass);
    }

    // ---------------------------------------------------------------- launching

    /** Starts {@code mainClass} in a child JVM under the debugger, suspended before it runs any code. */
    public static JdiSession launch(String mainClass, String... programArgs) {
        return launch(List.of(), mainClass, programArgs);
    }

    /** As {@link #launch(String, String...)}, with extra options for the child JVM (e.g. {@code -Dname=value}). */
    public static JdiSession launch(List<String> jvmArgs, String mainClass, String... programArgs) {
        return launch(jvmArgs, DEFAULT_TIMEOUT, mainClass, programArgs);
    }

    /** As {@link #launch(List, String, String...)}, with the bound for connecting (and every later wait). */
    public static JdiSession launch(List<String> jvmArgs, Duration timeout, String mainClass, String... programArgs) {
        return launch(System.getProperty("java.class.path"), jvmArgs, timeout, mainClass, programArgs);
    }

    /** As {@link #launch(List, Duration, String, String...)}, on the class path {@code classPath}. */
    public static JdiSession launch(String classPath, List<String> jvmArgs, Duration timeout, String mainClass,
                                    String... programArgs) {
        // The debugger listens on an ephemeral port of the loopback interface and the child's agent connects to it:
        // no port to guess, and nothing to parse from the child's output.
        ListeningConnector connector = socketListeningConnector();
        Map<String, Connector.Argument> connectorArgs = connector.defaultArguments();
        connectorArgs.get("localAddress").setValue("127.0.0.1");
        connectorArgs.get("port").setValue("0");
        connectorArgs.get("timeout").setValue(Long.toString(timeout.toMillis()));
        String address;
        try {
            // The connector names the port's host "localhost", which may resolve to ::1; the socket is on 127.0.0.1.
            String listening = connector.startListening(connectorArgs);
            address = "127.0.0.1:" + listening.substring(listening.lastIndexOf(':') + 1);
        } catch (IOException | com.sun.jdi.connect.IllegalConnectorArgumentsException e) {
            throw new AssertionError("cannot listen for the debuggee on 127.0.0.1: " + e, e);
        }
        boolean listening = true;
        JdiSession session = null;
        try {
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.add("-agentlib:jdwp=transport=dt_socket,server=n,suspend=y,address=" + address);
            command.addAll(jvmArgs);
            command.add("-cp");
            command.add(classPath);
            command.add(mainClass);
            command.addAll(List.of(programArgs));
            ProcessBuilder builder = new ProcessBuilder(command);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new AssertionError("cannot start " + command + ": " + e, e);
            }
            session = new JdiSession(process, mainClass);
            session.timeout = timeout;

            // accept() blocks (up to its timeout); run it aside so that a child dying early fails at once.
            CompletableFuture<VirtualMachine> accepted = new CompletableFuture<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.complete(connector.accept(connectorArgs));
                } catch (Throwable t) {
                    accepted.completeExceptionally(t);
                }
            }, "JdiSession accept " + mainClass);
            acceptor.setDaemon(true);
            acceptor.start();
            try {
                CompletableFuture.anyOf(accepted, process.onExit()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw session.failure("the child JVM did not connect to the debugger within " + timeout);
            } catch (ExecutionException e) {
                throw session.failure("accepting the child JVM's connection failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw session.failure("interrupted while waiting for the child JVM to connect", e);
            }
            if (!accepted.isDone()) {
                session.stdout.join(timeout);
                session.stderr.join(timeout);
                throw session.failure("the child JVM exited with " + process.exitValue()
                        + " before connecting to the debugger; command: " + command);
            }
            session.vm = accepted.join();
            stopListening(connector, connectorArgs);
            listening = false;
            // suspend=y: the VM is suspended and announces itself with a VMStartEvent, which we leave suspended.
            session.awaitEvent("the VM start event", e -> e instanceof VMStartEvent, false, false);
            return session;
        } catch (RuntimeException | Error e) {
            if (session != null) {
                session.close();
            }
            throw e;
        } finally {
            if (listening) {
                stopListening(connector, connectorArgs);
            }
        }
    }

    private static ListeningConnector socketListeningConnector() {
        for (ListeningConnector connector : Bootstrap.virtualMachineManager().listeningConnectors()) {
            if (connector.name().equals("com.sun.jdi.SocketListen")) {
                return connector;
            }
        }
        throw new AssertionError("no com.sun.jdi.SocketListen connector in this JDK");
    }

    private static void stopListening(ListeningConnector connector, Map<String, Connector.Argument> args) {
        try {
            connector.stopListening(args);
        } catch (IOException | com.sun.jdi.connect.IllegalConnectorArgumentsException | RuntimeException e) {
            // Not listening (any more): nothing to stop.
        }
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new AssertionError("cannot find the java executable of this JVM"));
    }

    // ---------------------------------------------------------------- configuration

    /** Bounds every later wait. */
    public JdiSession timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** The class exclusion patterns of later steps (JDI patterns: exact, or starting or ending with {@code *}). */
    public JdiSession stepExclusions(List<String> patterns) {
        this.stepExclusions = List.copyOf(patterns);
        return this;
    }

    public List<String> stepExclusions() {
        return stepExclusions;
    }

    // ---------------------------------------------------------------- running

    /**
     * Sets a breakpoint on every location of {@code line} in {@code className} (once the class is loaded), resumes the
     * VM and waits for a thread to hit one; then deletes the breakpoints and returns the location, the VM suspended.
     */
    public Location runTo(String className, int line) {
        EventRequestManager requests = vm().eventRequestManager();
        List<BreakpointRequest> breakpoints = new ArrayList<>();
        ClassPrepareRequest prepare = null;
        String what = "a breakpoint at " + className + ":" + line;
        try {
            List<ReferenceType> loaded = vm.classesByName(className);
            if (loaded.isEmpty()) {
                prepare = requests.createClassPrepareRequest();
                prepare.addClassFilter(className);
                prepare.setSuspendPolicy(EventRequest.SUSPEND_ALL);
                prepare.enable();
            } else {
                for (ReferenceType type : loaded) {
                    breakpoints.addAll(setBreakpoints(type, line));
                }
                if (breakpoints.isEmpty()) {
                    throw failure("no code at line " + line + " of " + className);
                }
            }
            ClassPrepareRequest prepareRequest = prepare;
            Event hit = awaitEvent(what, event -> {
                if (event instanceof ClassPrepareEvent && event.request() == prepareRequest) {
                    List<BreakpointRequest> set = setBreakpoints(((ClassPrepareEvent) event).referenceType(), line);
                    if (set.isEmpty()) {
                        throw failure("no code at line " + line + " of " + className);
                    }
                    breakpoints.addAll(set);
                    return false;
                }
                return event instanceof BreakpointEvent && breakpoints.contains((BreakpointRequest) event.request());
            }, true, false);
            stoppedAt((BreakpointEvent) hit);
            return location;
        } finally {
            if (!ended) {
                try {
                    requests.deleteEventRequests(breakpoints);
                    if (prepare != null) {
                        requests.deleteEventRequest(prepare);
                    }
                } catch (VMDisconnectedException e) {
                    // The VM is gone; its requests with it.
                }
            }
        }
    }

    private List<BreakpointRequest> setBreakpoints(ReferenceType type, int line) {
        List<Location> locations;
        try {
            locations = type.locationsOfLine(line);
        } catch (AbsentInformationException e) {
            throw failure(type.name() + " has no line numbers (compiled without -g?)");
        }
        List<BreakpointRequest> set = new ArrayList<>();
        for (Location at : locations) {
            BreakpointRequest breakpoint = vm.eventRequestManager().createBreakpointRequest(at);
            breakpoint.setSuspendPolicy(EventRequest.SUSPEND_ALL);
            breakpoint.enable();
            set.add(breakpoint);
        }
        return set;
    }

    /** Steps to the next line, over calls ({@code STEP_LINE}, {@code STEP_OVER}); returns where it stopped. */
    public Location stepOver() {
        return step(StepRequest.STEP_OVER, "step over");
    }

    /** Steps to the next line, into calls of code not excluded from stepping; returns where it stopped. */
    public Location stepInto() {
        return step(StepRequest.STEP_INTO, "step into");
    }

    /** Steps out of the current method to the next line of a caller not excluded from stepping. */
    public Location stepOut() {
        return step(StepRequest.STEP_OUT, "step out");
    }

    /**
     * A step as an IDE with "skip synthetic methods" on takes it (IntelliJ's and Eclipse's
     * default, which the README asks for): one that ends in a synthetic method, such as a
     * coroutine frame's {@code resume} that a suspending method returns to, goes on with the
     * same kind of step, a bounded number of times.
     */
    private Location step(int depth, String name) {
        Location at = stepOnce(depth, name);
        for (int again = 0; at.method().isSynthetic() && again < 8; again++) {
            at = stepOnce(depth, name + " (on from synthetic " + describe(at) + ")");
        }
        return at;
    }

    private Location stepOnce(int depth, String name) {
        ThreadReference stopped = stoppedThread();
        String from = describe(location);
        EventRequestManager requests = vm.eventRequestManager();
        for (StepRequest old : List.copyOf(requests.stepRequests())) {
            if (old.thread().equals(stopped)) {
                requests.deleteEventRequest(old);
            }
        }
        StepRequest request = requests.createStepRequest(stopped, StepRequest.STEP_LINE, depth);
        for (String pattern : stepExclusions) {
            request.addClassExclusionFilter(pattern);
        }
        request.addCountFilter(1);
        request.setSuspendPolicy(EventRequest.SUSPEND_ALL);
        request.enable();
        try {
            Event event = awaitEvent(name + " from " + from + " (excluding " + stepExclusions + ")",
                    e -> e instanceof StepEvent && e.request() == request, true, false);
            stoppedAt((StepEvent) event);
            return location;
        } finally {
            if (!ended) {
                try {
                    requests.deleteEventRequest(request);
                } catch (VMDisconnectedException e) {
                    // Gone with the VM.
                }
            }
        }
    }

    /** Resumes the VM and waits for the program to end; returns the child's exit code. */
    public int resumeToEnd() {
        if (!ended) {
            awaitEvent("the program to end", e -> false, true, true);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw failure("the child JVM disconnected but did not exit within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for the child JVM to exit", e);
        }
        stdout.join(timeout);
        stderr.join(timeout);
        return process.exitValue();
    }

    /**
     * Resumes the VM if {@code resume}, then takes events until one satisfies {@code wanted} and returns it (the VM
     * suspended by it). Event sets of other events are resumed. The end of the VM returns null if {@code endWanted},
     * and fails otherwise.
     */
    private Event awaitEvent(String what, Predicate<Event> wanted, boolean resume, boolean endWanted) {
        if (ended) {
            throw failure("cannot wait for " + what + ": the program has already ended");
        }
        if (resume) {
            thread = null;
            location = null;
            try {
                vm.resume();
            } catch (VMDisconnectedException e) {
                return ended(what, endWanted);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw failure("timed out after " + timeout + " waiting for " + what);
            }
            EventSet events;
            try {
                events = vm.eventQueue().remove(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for " + what, e);
            } catch (VMDisconnectedException e) {
                return ended(what, endWanted);
            }
            if (events == null) {
                continue; // timed out: the deadline check above fails
            }
            boolean end = false;
            for (Event event : events) {
                if (event instanceof VMDeathEvent || event instanceof VMDisconnectEvent) {
                    end = true;
                } else if (wanted.test(event)) {
                    return event;
                }
            }
            if (end) {
                return ended(what, endWanted);
            }
            try {
                events.resume();
            } catch (VMDisconnectedException e) {
                return ended(what, endWanted);
            }
        }
    }

    private Event ended(String what, boolean endWanted) {
        ended = true;
        thread = null;
        location = null;
        if (endWanted) {
            return null;
        }
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stdout.join(Duration.ofSeconds(5));
        stderr.join(Duration.ofSeconds(5));
        String exit = process.isAlive() ? "still running" : "exit code " + process.exitValue();
        throw failure("the program ended (" + exit + ") before " + what);
    }

    private void stoppedAt(LocatableEvent event) {
        thread = event.thread();
        location = event.location();
    }

    // ---------------------------------------------------------------- inspection

    public VirtualMachine vm() {
        if (vm == null) {
            throw failure("not connected");
        }
        return vm;
    }

    /** The child JVM's process. */
    public Process process() {
        return process;
    }

    /** The thread stopped by the last breakpoint or step. */
    public ThreadReference stoppedThread() {
        if (thread == null || ended) {
            throw failure(ended ? "the program has ended" : "no thread is stopped at a breakpoint or step");
        }
        return thread;
    }

    /** Where the stopped thread is (as reported by the last breakpoint or step event). */
    public Location location() {
        stoppedThread();
        return location;
    }

    /** The top frame of the stopped thread (valid until the VM is resumed). */
    public StackFrame frame() {
        try {
            return stoppedThread().frame(0);
        } catch (IncompatibleThreadStateException e) {
            throw failure("the stopped thread is not suspended", e);
        }
    }

    /** The number of frames on the stopped thread's stack. */
    public int frameCount() {
        try {
            return stoppedThread().frameCount();
        } catch (IncompatibleThreadStateException e) {
            throw failure("the stopped thread is not suspended", e);
        }
    }

    /** The stopped thread's stack, top first, as {@code Class.method:line} (line -1 if unknown). */
    public List<String> stack() {
        List<String> lines = new ArrayList<>();
        try {
            for (StackFrame frame : stoppedThread().frames()) {
                lines.add(describe(frame.location()));
            }
        } catch (IncompatibleThreadStateException e) {
            throw failure("the stopped thread is not suspended", e);
        }
        return lines;
    }

    public String method() {
        return location().method().name();
    }

    public int line() {
        return location().lineNumber();
    }

    public String className() {
        return location().declaringType().name();
    }

    public boolean methodIsSynthetic() {
        return location().method().isSynthetic();
    }

    /** The visible variables (arguments included) of the top frame, by name, rendered by {@link #render}. */
    public Map<String, String> locals() {
        return variables(false);
    }

    /** The arguments of the top frame's method, by name, rendered by {@link #render}. */
    public Map<String, String> arguments() {
        return variables(true);
    }

    private Map<String, String> variables(boolean argumentsOnly) {
        StackFrame frame = frame();
        List<LocalVariable> visible;
        try {
            visible = frame.visibleVariables();
        } catch (AbsentInformationException e) {
            throw failure(describe(location) + " has no local variable table (compiled without -g?)");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (LocalVariable variable : visible) {
            if (!argumentsOnly || variable.isArgument()) {
                values.put(variable.name(), render(frame.getValue(variable)));
            }
        }
        return values;
    }

    /** {@code this} of the top frame; null in a static (or native) method. */
    public ObjectReference thisObject() {
        return frame().thisObject();
    }

    /** The field {@code name} of {@code this} of the top frame, rendered by {@link #render}. */
    public String fieldOfThis(String name) {
        ObjectReference self = thisObject();
        if (self == null) {
            throw failure("no 'this' in " + describe(location));
        }
        com.sun.jdi.Field field = self.referenceType().fieldByName(name);
        if (field == null) {
            throw failure(self.referenceType().name() + " has no field " + name + " (in " + describe(location) + ")");
        }
        return render(self.getValue(field));
    }

    /** A primitive as its {@code toString()}, a string unquoted, null as "null", another object as its type's name. */
    public static String render(Value value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof StringReference) {
            return ((StringReference) value).value();
        }
        if (value instanceof PrimitiveValue) {
            return value.toString();
        }
        return value.type().name();
    }

    /** {@code Class.method:line} of a location. */
    public static String describe(Location at) {
        if (at == null) {
            return "(nowhere)";
        }
        return at.declaringType().name() + "." + at.method().name() + ":" + at.lineNumber();
    }

    /** What the child has printed so far: its standard output, then its standard error. */
    public String output() {
        return stdout.text() + stderr.text();
    }

    public String stdout() {
        return stdout.text();
    }

    public String stderr() {
        return stderr.text();
    }

    /**
     * The number of the one line of {@code source} holding the marker comment {@code // @line:name} (the name up to the
     * next white space). A relative path resolves against the working directory, the module's under Maven.
     */
    public static int lineOf(Path source, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.toAbsolutePath()
                    + " (run with the module directory as working directory)", e);
        }
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = LINE_MARKER.matcher(lines.get(i));
            while (marker.find()) {
                if (marker.group(1).equals(name)) {
                    if (found != -1) {
                        throw new AssertionError("marker @line:" + name + " is on lines " + found + " and " + (i + 1)
                                + " of " + source);
                    }
                    found = i + 1;
                }
            }
        }
        if (found == -1) {
            throw new AssertionError("no marker // @line:" + name + " in " + source.toAbsolutePath());
        }
        return found;
    }

    // ---------------------------------------------------------------- ending

    /** Disconnects the debugger and kills the child JVM (if still running); waits a bounded time for it to go. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (vm != null) {
            try {
                vm.dispose();
            } catch (VMDisconnectedException e) {
                // Already gone.
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the child JVM (pid " + process.pid() + ") survived destroyForcibly for "
                        + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stdout.join(Duration.ofSeconds(5));
        stderr.join(Duration.ofSeconds(5));
    }

    private AssertionError failure(String message) {
        return failure(message, null);
    }

    private AssertionError failure(String message, Throwable cause) {
        String where = location != null && !ended ? "\nstopped at: " + describe(location) : "";
        AssertionError error = new AssertionError("[JdiSession " + mainClass + "] " + message + where
                + "\n--- child stdout so far ---\n" + stdout.text()
                + "\n--- child stderr so far ---\n" + stderr.text());
        if (cause != null) {
            error.initCause(cause);
        }
        return error;
    }

    /** Copies a stream of the child into a buffer on a daemon thread, so that the child never blocks on a pipe. */
    private static final class Drain {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        Drain(InputStream in, String name) {
            thread = new Thread(() -> {
                byte[] chunk = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(chunk)) != -1) {
                        synchronized (buffer) {
                            buffer.write(chunk, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // The process is gone and its pipe closed.
                }
            }, "JdiSession drain " + name);
            thread.setDaemon(true);
            thread.start();
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(Charset.defaultCharset());
            }
        }

        void join(Duration timeout) {
            try {
                thread.join(Math.max(1, timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
