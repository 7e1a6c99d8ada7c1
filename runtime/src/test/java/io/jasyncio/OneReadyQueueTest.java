package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * callSoon and callSoonThreadsafe share one order, as asyncio's single ready queue gives; and
 * what a closing loop drops says so.
 */
@Timeout(60)
class OneReadyQueueTest {

    @Test
    void beforeTheLoopRunsBothKeepTheOrderTheyWereCalledIn() {
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            List<String> order = new ArrayList<>();
            loop.callSoonThreadsafe(() -> order.add("A threadsafe"));
            loop.callSoon(() -> order.add("B"));
            loop.callSoonThreadsafe(() -> order.add("C threadsafe"));
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(List.of("A threadsafe", "B", "C threadsafe"), order);
        }
    }

    @Test
    void onTheLoopsThreadTheyKeepTheOrderTheyWereCalledIn() {
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            List<String> order = new ArrayList<>();
            loop.callSoon(() -> {
                loop.callSoonThreadsafe(() -> order.add("X threadsafe"));
                loop.callSoon(() -> order.add("Y"));
            });
            loop.runUntilComplete(Asyncio.sleep(0));
            loop.runUntilComplete(Asyncio.sleep(0));
            assertEquals(List.of("X threadsafe", "Y"), order);
        }
    }

    @Test
    void aCallbackDroppedByCloseReportsCancelledAndAClosedLoopRefuses() {
        EventLoop loop = EventLoop.newVirtualTimeLoop();
        Handle pending = loop.callSoonThreadsafe(() -> { });
        Handle local = loop.callSoon(() -> { });
        loop.close();
        assertTrue(pending.cancelled());
        assertTrue(local.cancelled());
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> { }));
    }
}
