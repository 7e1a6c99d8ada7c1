package io.jasyncio.it.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Coroutine;
import io.jasyncio.TimerHandle;
import io.jasyncio.it.VirtualLoopTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link QueueRules}: the expected logs are the output of the same programs on CPython 3.11.7. */
class QueueRulesTest extends VirtualLoopTest {
    private final QueueRules rules = new QueueRules();

    /**
     * Runs {@code coro} to completion; a regression that leaves it waiting forever fails the test
     * ("Event loop stopped before Future completed.") instead of hanging the build.
     */
    private <T> T run(Coroutine<T> coro) {
        TimerHandle guard = loop.callLater(1e6, loop::stop);
        try {
            return loop.runUntilComplete(coro);
        } finally {
            guard.cancel();
        }
    }

    @Test
    void gettersAreWokenFifo() {
        assertEquals(List.of("0a", "1b", "2c"), run(rules.gettersAreWokenFifo()));
    }

    @Test
    void maxsizeOneAlternates() {
        assertEquals(List.of("put0", "get0", "put1", "get1", "put2", "get2", "put3", "get3"),
                run(rules.maxsizeOneAlternates()));
    }

    @Test
    void wakeIsOnlyAHint() {
        assertEquals(List.of(1, false, "<Queue maxsize=0 getters[1] tasks=1>", 2),
                run(rules.wakeIsOnlyAHint()));
    }

    @Test
    void wokenGetterCancelledPassesTheItemOn() {
        assertEquals(List.of("g1 cancelled", 1, "<Queue maxsize=0 tasks=1>"),
                run(rules.wokenGetterCancelledPassesTheItemOn()));
    }

    @Test
    void wokenPutterCancelledPassesTheSlotOn() {
        assertEquals(List.of("<Queue maxsize=1 items=[a] putters[2] tasks=1>", "a", "p1 cancelled", "c", 0),
                run(rules.wokenPutterCancelledPassesTheSlotOn()));
    }

    @Test
    void joinWakesEveryJoiner() {
        assertEquals(List.of("<Queue maxsize=0 items=[1, 2] tasks=2>", "done1", "done2", "joined1", "joined2", "again"),
                run(rules.joinWakesEveryJoiner()));
    }
}
