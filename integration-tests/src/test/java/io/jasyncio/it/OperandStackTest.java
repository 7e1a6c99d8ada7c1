package io.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OperandStackTest extends VirtualLoopTest {
    private static final int[] VALUES = {-3, 0, 1, 2, 7, 40};

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void callArguments(FutureSource source) {
        OperandStack stack = new OperandStack(source.futures(loop));
        for (int a : VALUES) {
            for (int b : VALUES) {
                assertEquals(OperandStack.callArgumentsSync(a, b), loop.runUntilComplete(stack.callArguments(a, b)),
                        "a=" + a + " b=" + b);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void concatenation(FutureSource source) {
        OperandStack stack = new OperandStack(source.futures(loop));
        for (int a : VALUES) {
            assertEquals(OperandStack.concatenationSync(a, "s", "t"),
                    loop.runUntilComplete(stack.concatenation(a, "s", "t")), "a=" + a);
        }
        assertEquals(OperandStack.concatenationSync(1, "", null), loop.runUntilComplete(stack.concatenation(1, "", null)));
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void arrayInitialisers(FutureSource source) {
        OperandStack stack = new OperandStack(source.futures(loop));
        for (int a : VALUES) {
            assertEquals(OperandStack.arrayInitialisersSync(a), loop.runUntilComplete(stack.arrayInitialisers(a)),
                    "a=" + a);
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void arithmetic(FutureSource source) {
        OperandStack stack = new OperandStack(source.futures(loop));
        for (int a : VALUES) {
            for (int b : VALUES) {
                assertEquals(OperandStack.arithmeticSync(a, b), loop.runUntilComplete(stack.arithmetic(a, b)),
                        "a=" + a + " b=" + b);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void longsAndDoubles(FutureSource source) {
        OperandStack stack = new OperandStack(source.futures(loop));
        for (int y : VALUES) {
            assertEquals(OperandStack.longsAndDoublesSync(y), loop.runUntilComplete(stack.longsAndDoubles(y)), "y=" + y);
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void narrowPrimitives(FutureSource source) {
        OperandStack stack = new OperandStack(source.futures(loop));
        for (int n : VALUES) {
            assertEquals(OperandStack.narrowPrimitivesSync(n), loop.runUntilComplete(stack.narrowPrimitives(n)),
                    "n=" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void compoundAssignments(FutureSource source) {
        OperandStack stack = new OperandStack(source.futures(loop));
        for (int n : VALUES) {
            assertEquals(OperandStack.compoundAssignmentsSync(n), loop.runUntilComplete(stack.compoundAssignments(n)),
                    "n=" + n);
        }
    }
}
