package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Awaits inside constructor arguments: NEW postponed past the await. */
class ConstructorsTest {
    private static final CompiledClasses CLASSES = CompiledClasses.compileResource("Constructors");
    private final EventLoop loop = EventLoop.newVirtualTimeLoop();

    @AfterEach
    void close() {
        loop.close();
    }

    private Future<Integer> later(int value) {
        Future<Integer> f = loop.createFuture();
        loop.callLater(1, () -> f.setResult(value));
        return f;
    }

    @SuppressWarnings("unchecked")
    private String run(String method, Object... args) throws Exception {
        Object target = CLASSES.newInstance("fixtures.Constructors");
        Class<?>[] types = new Class<?>[args.length];
        java.util.Arrays.fill(types, Future.class);
        return loop.runUntilComplete((Coroutine<String>) target.getClass().getMethod(method, types).invoke(target, args));
    }

    @Test
    void awaitsInARecordConstructorsArgumentsWithLongAndDoubleBeside() throws Exception {
        assertEquals("Point[x=1, y=4.5, label=p7]", run("pointFromAwaits", later(7), later(9)));
    }

    @Test
    void awaitsInNestedConstructorCallsAndTernaries() throws Exception {
        assertEquals("x3|k3=3", run("nested", later(3)));
    }

    @Test
    void anAwaitInASwitchExpressionWithTryInsideConstructorArgumentsWhichJavacSpillsToLocals() throws Exception {
        assertEquals("s54", run("switchWithTryInArguments", later(5)));
        assertEquals("<k=8>", run("switchWithTryInNestedArguments", later(3)));
    }
}
