package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BasicsTest {
    private static final CompiledClasses CLASSES = CompiledClasses.compileResource("Basics");
    private final EventLoop loop = EventLoop.newVirtualTimeLoop();

    @AfterEach
    void close() {
        loop.close();
    }

    private Object call(String name, Object... args) throws Exception {
        Object target = CLASSES.newInstance("fixtures.Basics");
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name)) {
                return m.invoke(target, args);
            }
        }
        throw new AssertionError("no method " + name);
    }

    private <T> Future<T> completedLater(double delay, T value) {
        Future<T> f = loop.createFuture();
        loop.callLater(delay, () -> f.setResult(value));
        return f;
    }

    @SuppressWarnings("unchecked")
    private <T> T run(Object coroutine) {
        return loop.runUntilComplete((Coroutine<T>) coroutine);
    }

    @Test
    void awaitsAPendingFuture() throws Exception {
        assertEquals(42, (Integer) run(call("add", completedLater(1, 40), 2)));
        assertEquals(1.0, loop.time());
    }

    @Test
    void awaitsADoneFutureWithoutSuspending() throws Exception {
        Future<Integer> done = loop.createFuture();
        done.setResult(5);
        assertEquals(8, (Integer) run(call("add", done, 3)));
    }

    @Test
    void keepsLocalsOfEveryKindAcrossAwaits() throws Exception {
        assertEquals("x+y:10.5", run(call("twoAwaits", completedLater(1, "x"), completedLater(2, "y"))));
    }

    @Test
    void awaitsNestedCoroutines() throws Exception {
        // add(a, 1) + add(a, 2) + the two calls of add the instance counted
        assertEquals(11 + 12 + 2, (Integer) run(call("nested", completedLater(1, 10))));
    }

    @Test
    void loopsAroundSleeps() throws Exception {
        assertEquals(45, (Integer) run(call("sleepy", 10)));
        assertEquals(10.0, loop.time());
    }

    @Test
    void aHundredThousandNestedAwaitsCompleteWithoutSuspending() throws Exception {
        Future<Integer> done = loop.createFuture();
        done.setResult(0);
        assertEquals(100_000, (Integer) run(call("depth", 100_000, done)));
    }

    @Test
    void aHundredThousandNestedAwaitsSuspendAtTheBottomAndUnwind() throws Exception {
        assertEquals(100_007, (Integer) run(call("depth", 100_000, completedLater(1, 7))));
    }

    @Test
    void aReturnedCoroutineIsAwaited() throws Exception {
        assertEquals(103, (Integer) run(call("tail", completedLater(1, 3))));
    }

    @Test
    void stackTracesNameTheUsersMethodFileAndLine() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(call("failAfterAwait", completedLater(1, 5))));
        assertEquals("failed with 5 kept", e.getMessage());
        StackTraceElement top = e.getStackTrace()[0];
        assertEquals("fixtures.Basics", top.getClassName());
        assertEquals("failAfterAwait", top.getMethodName());
        assertEquals("Basics.java", top.getFileName());
        assertEquals(lineOf("THROW_LINE"), top.getLineNumber());
    }

    @Test
    void theRewrittenBodyKeepsTheUsersLocalVariableNames() {
        ClassNode host = new ClassNode();
        new ClassReader(CLASSES.bytes("fixtures.Basics")).accept(host, 0);
        List<String> names = host.methods.stream()
                .filter(m -> m.name.equals("twoAwaits") && m.desc.contains("Lfixtures/Basics$$"))
                .peek(m -> assertEquals(0, m.access & Opcodes.ACC_SYNTHETIC, "the body is not synthetic"))
                .flatMap(m -> m.localVariables.stream())
                .map(v -> v.name)
                .toList();
        assertTrue(names.containsAll(List.of("first", "second", "a", "pad", "scale", "b")), names.toString());
    }

    private static int lineOf(String marker) throws IOException {
        try (InputStream in = BasicsTest.class.getResourceAsStream("/transform/Basics.java")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(marker)) {
                    return i + 1;
                }
            }
        }
        throw new AssertionError("no line with " + marker);
    }
}
