package io.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coroutine;
import io.jasyncio.internal.CoroutineFrame;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoopsTest extends VirtualLoopTest {

    /**
     * The frame of a method with a loop is marked so that the driver runs its first step in
     * the method's own compiled code; a method without one is not.
     */
    @Test
    void theFrameOfAMethodWithALoopIsMarked() throws ReflectiveOperationException {
        Loops loops = new Loops(FutureSource.DONE.on(loop));
        Field marked = CoroutineFrame.class.getDeclaredField("loops");
        marked.setAccessible(true);
        Coroutine<Integer> looping = loops.forLoop(3);
        Coroutine<Integer> straight = loops.once(3);

        assertTrue(marked.getBoolean(looping));
        assertFalse(marked.getBoolean(straight));
        assertEquals(3, loop.runUntilComplete(looping));
        assertEquals(3, loop.runUntilComplete(straight));
    }

    /** A method with a loop whose first step fails: the task fails with that exception. */
    @ParameterizedTest
    @EnumSource(FutureSource.class)
    void aLoopFailingInItsFirstStepFailsItsTask(FutureSource source) {
        Loops loops = new Loops(source.on(loop));
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(loops.failingInsideTheLoop(5, 0)));
        assertEquals("failed at 0", failure.getMessage());
        IllegalStateException later = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(loops.failingInsideTheLoop(5, 2)));
        assertEquals("failed at 2", later.getMessage());
        assertEquals(0 + 1 + 2 + 3 + 4, loop.runUntilComplete(loops.failingInsideTheLoop(5, -1)));
    }

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
