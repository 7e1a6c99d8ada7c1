package io.jasyncio.examples;

import io.jasyncio.EventLoop;
import java.time.LocalDateTime;

/**
 * asyncio's "Display the current date with call_later()": a callback that prints the date
 * every second for five seconds, rescheduling itself with {@code callLater}, then stops.
 *
 * <pre>
 * 2026-11-24T22:55:01.123456
 * 2026-11-24T22:55:02.124178
 * ... (five lines, one second apart)
 * </pre>
 */
public final class DisplayDateCallLater {
    private DisplayDateCallLater() {}

    public static void main(String[] args) {
        EventLoop loop = EventLoop.newEventLoop();
        double endTime = loop.time() + 5.0;
        loop.callSoon(() -> displayDate(endTime, loop));
        try {
            loop.runForever();
        } finally {
            loop.close();
        }
    }

    private static void displayDate(double endTime, EventLoop loop) {
        System.out.println(LocalDateTime.now());
        if (loop.time() + 1.0 < endTime) {
            loop.callLater(1, () -> displayDate(endTime, loop));
        } else {
            loop.stop();
        }
    }
}
