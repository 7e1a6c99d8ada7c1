package io.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SwitchesTest extends VirtualLoopTest {
    /** Every case label of the int switches, values between them and values outside. */
    private static final int[] VALUES = {-1, 0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 1000};

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void oldStyleWithFallthrough(FutureSource source) {
        Switches switches = new Switches(source.futures(loop));
        for (int n : VALUES) {
            assertEquals(Switches.oldStyleWithFallthroughSync(n),
                    loop.runUntilComplete(switches.oldStyleWithFallthrough(n)), "n=" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void arrowStatement(FutureSource source) {
        Switches switches = new Switches(source.futures(loop));
        for (int n : VALUES) {
            assertEquals(Switches.arrowStatementSync(n), loop.runUntilComplete(switches.arrowStatement(n)), "n=" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void onString(FutureSource source) {
        Switches switches = new Switches(source.futures(loop));
        for (String key : new String[] {"Aa", "BB", "", "C#", "Ab"}) {
            assertEquals(Switches.onStringSync(key), loop.runUntilComplete(switches.onString(key)), key);
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void onEnum(FutureSource source) {
        Switches switches = new Switches(source.futures(loop));
        for (Switches.Color color : Switches.Color.values()) {
            assertEquals(Switches.onEnumSync(color), loop.runUntilComplete(switches.onEnum(color)), color.name());
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void switchExpressionsOnTheStack(FutureSource source) {
        Switches switches = new Switches(source.futures(loop));
        for (int n : VALUES) {
            assertEquals(Switches.switchExpressionsOnTheStackSync(n),
                    loop.runUntilComplete(switches.switchExpressionsOnTheStack(n)), "n=" + n);
        }
    }
}
