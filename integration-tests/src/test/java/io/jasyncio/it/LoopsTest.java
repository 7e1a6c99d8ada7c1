package io.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoopsTest extends VirtualLoopTest {

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void forLoop(FutureSource source) {
        Loops loops = new Loops(source.on(loop));
        for (int n : new int[] {0, 1, 10, 100}) {
            assertEquals(Loops.forLoopSync(n), loop.runUntilComplete(loops.forLoop(n)));
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void whileAndDoWhile(FutureSource source) {
        Loops loops = new Loops(source.on(loop));
        for (int n : new int[] {0, 1, 5, 12}) {
            assertEquals(Loops.whileAndDoWhileSync(n), loop.runUntilComplete(loops.whileAndDoWhile(n)));
        }
    }

    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void forEachWithLabelledBreakAndContinue(FutureSource source) {
        Loops loops = new Loops(source.on(loop));
        List<Integer> values = List.of(1, 2, 3, 5, 8, 9);
        assertEquals(Loops.forEachWithLabelledBreakAndContinueSync(values),
                loop.runUntilComplete(loops.forEachWithLabelledBreakAndContinue(values)));
    }
}
