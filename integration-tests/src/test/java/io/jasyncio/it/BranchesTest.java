package io.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BranchesTest extends VirtualLoopTest {
    /** Covers both signs, zero, equal operands and every remainder the branches look at. */
    private static final int[] VALUES = {-7, -2, 0, 1, 2, 3, 6, 9, 10, 101, 102};

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void ifElseChain(FutureSource source) {
        Branches branches = new Branches(source.futures(loop));
        for (int n : VALUES) {
            assertEquals(Branches.ifElseChainSync(n), loop.runUntilComplete(branches.ifElseChain(n)));
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void ternaries(FutureSource source) {
        Branches branches = new Branches(source.futures(loop));
        for (int a : VALUES) {
            for (int b : VALUES) {
                assertEquals(Branches.ternariesSync(a, b), loop.runUntilComplete(branches.ternaries(a, b)),
                        "a=" + a + " b=" + b);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void shortCircuitsEvaluateTheSameOperands(FutureSource source) {
        Branches branches = new Branches(source.futures(loop));
        for (int a : VALUES) {
            for (int b : VALUES) {
                assertEquals(Branches.shortCircuitsSync(a, b), loop.runUntilComplete(branches.shortCircuits(a, b)),
                        "a=" + a + " b=" + b);
            }
        }
    }
}
