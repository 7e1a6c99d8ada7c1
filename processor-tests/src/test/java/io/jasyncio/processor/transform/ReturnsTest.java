package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.lang.reflect.Method;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code return future;}, and bridges of generic overrides left alone. */
class ReturnsTest {
    private static final CompiledClasses CLASSES = CompiledClasses.compileResource("Returns");
    private final EventLoop loop = EventLoop.newVirtualTimeLoop();

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void returningAFutureGivesItsOutcome() throws Exception {
        Object returns = CLASSES.newInstance("fixtures.Returns");
        Method method = returns.getClass().getMethod("returnsAFuture", Future.class);
        Future<Integer> later = loop.createFuture();
        loop.callLater(1, () -> later.setResult(9));
        assertEquals(9, loop.runUntilComplete((Coroutine<Integer>) method.invoke(returns, later)));
    }

    @Test
    void aCallThroughTheGenericInterfaceAllocatesTheRealMethodsFrame() throws Exception {
        Object impl = CLASSES.newInstance("fixtures.Returns$Impl");
        Method viaInterface = CLASSES.loadClass("fixtures.Returns$Fn").getMethod("apply", Object.class);
        Object frame = viaInterface.invoke(impl, 1);
        assertEquals("fixtures.Returns$Impl$$apply$0", frame.getClass().getName());
        assertThrows(ClassNotFoundException.class, () -> CLASSES.loadClass("fixtures.Returns$Impl$$apply$1"));
        assertEquals(2, loop.runUntilComplete((Coroutine<?>) frame));
    }

    @Test
    void aWronglyTypedRawCallFailsAtTheCallAsInPlainJava() throws Exception {
        Object impl = CLASSES.newInstance("fixtures.Returns$Impl");
        Method viaInterface = CLASSES.loadClass("fixtures.Returns$Fn").getMethod("apply", Object.class);
        Throwable e = assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> viaInterface.invoke(impl, "not an Integer")).getCause();
        assertEquals(ClassCastException.class, e.getClass());
    }
}
