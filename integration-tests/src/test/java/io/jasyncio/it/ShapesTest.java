package io.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShapesTest extends VirtualLoopTest {

    /** An implementation of the interface whose default method is {@code @Async}. */
    private record Named(String name) implements Shapes.Greeter {}

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void staticMethod(FutureSource source) {
        assertEquals(Shapes.staticSumSync(3, -8), loop.runUntilComplete(Shapes.staticSum(source.futures(loop), 3, -8)));
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void instanceMethodUsingPrivateMembers(FutureSource source) {
        Shapes shapes = new Shapes(source.futures(loop));
        for (int n : new int[] {0, 5, -2}) {
            assertEquals(Shapes.instanceWithPrivatesSync(n), loop.runUntilComplete(shapes.instanceWithPrivates(n)));
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void genericMethods(FutureSource source) {
        Futures futures = source.futures(loop);
        assertEquals(List.of("a", "b"), loop.runUntilComplete(Shapes.echo("a", futures.of("b"))));
        int[] array = {1};
        assertEquals(List.of(array, array), loop.runUntilComplete(Shapes.echo(array, futures.of(array))));
        assertEquals(Shapes.maxSync(3L, 9L), loop.runUntilComplete(Shapes.max(3L, futures.of(9L))));
        BigDecimal big = new BigDecimal("2.50");
        assertEquals(Shapes.maxSync(big, BigDecimal.ONE), loop.runUntilComplete(Shapes.max(big, futures.of(BigDecimal.ONE))));
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void genericClass(FutureSource source) {
        Shapes.Box<String> box = new Shapes.Box<>("first");
        assertEquals("first", loop.runUntilComplete(box.swap(source.futures(loop).of("second"))));
        assertEquals("second", box.get());
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void varargs(FutureSource source) {
        Futures futures = source.futures(loop);
        Shapes shapes = new Shapes(futures);
        assertEquals(Shapes.sumAllSync(), loop.runUntilComplete(shapes.sumAll()));
        assertEquals(Shapes.sumAllSync(4, 5, 6), loop.runUntilComplete(shapes.sumAll(4, 5, 6)));
        assertEquals(String.join("-", "x", "2", "null"),
                loop.runUntilComplete(Shapes.joinAll("-", futures.of("x"), futures.of(2), futures.of(null))));
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void recursion(FutureSource source) {
        Shapes shapes = new Shapes(source.futures(loop));
        for (int n : new int[] {0, 1, 2, 10, 15}) {
            assertEquals(Shapes.fibSync(n), loop.runUntilComplete(shapes.fib(n)), "n=" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void interfaceDefaultAndStaticMethods(FutureSource source) {
        Futures futures = source.futures(loop);
        Named ann = new Named("Ann");
        assertEquals(Shapes.greetSync("hello", ann), loop.runUntilComplete(ann.greet(futures.of("hello"))));
        List<Named> greeters = List.of(ann, new Named("Bob"));
        assertEquals(Shapes.greetAllSync(greeters), loop.runUntilComplete(Shapes.Greeter.greetAll(futures, greeters)));
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void enumMethodAndConstantBody(FutureSource source) {
        Futures futures = source.futures(loop);
        for (Shapes.Operation operation : Shapes.Operation.values()) {
            assertEquals(Shapes.applySync(operation, 6, 7), loop.runUntilComplete(operation.apply(futures, 6, 7)),
                    operation.name());
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void record(FutureSource source) {
        Shapes.Point point = new Shapes.Point(1, 1L << 40);
        assertEquals(Shapes.shiftedSync(point, 3), loop.runUntilComplete(point.shifted(source.futures(loop), 3)));
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void staticNestedClassKeepsItsState(FutureSource source) {
        Futures futures = source.futures(loop);
        Shapes.Counter counter = new Shapes.Counter();
        assertEquals(4, loop.runUntilComplete(counter.add(futures, 4)));
        assertEquals(4 + 5, loop.runUntilComplete(counter.add(futures, 5)));
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void innerClass(FutureSource source) {
        Shapes.Inner inner = new Shapes(source.futures(loop)).new Inner(100);
        assertEquals(Shapes.innerShiftedSync(5, 100), loop.runUntilComplete(inner.shifted(5)));
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void localClass(FutureSource source) {
        Shapes shapes = new Shapes(source.futures(loop));
        assertEquals(Shapes.viaLocalClassSync(3, "tag"), loop.runUntilComplete(shapes.viaLocalClass(3, "tag")));
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void anonymousClass(FutureSource source) {
        Shapes.AsyncFunction addTen = new Shapes(source.futures(loop)).adder(10);
        assertEquals(5 + 10, loop.runUntilComplete(addTen.apply(5)));
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void lambdasAndAnonymousClassesInsideTheBody(FutureSource source) {
        Shapes shapes = new Shapes(source.futures(loop));
        for (List<Integer> values : List.of(List.<Integer>of(), List.of(5), List.of(9, 1, 4, 7, 3))) {
            assertEquals(Shapes.lambdasInsideSync(values), loop.runUntilComplete(shapes.lambdasInside(values)));
        }
    }
}
