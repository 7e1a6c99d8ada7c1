package io.jasyncio.examples;

import io.jasyncio.EventLoop;
import java.time.LocalDateTime;

/**
 * The same clock as {@link DisplayDateCallLater}, scheduled with absolute loop times: each
 * tick is due exactly one second after the previous one was due ({@code callAt}), so the
 * ticks do not drift by the time each callback takes.
 *
 * <pre>
 * tick 1 at 2026-11-24T22:55:01.123456
 * ... (five lines, one second apart)
 * </pre>
 */
public final class DisplayDateCallAt {
    private DisplayDateCallAt() {}

    public static void main(String[] args) {
        EventLoop loop = EventLoop.newEventLoop();
        double start = loop.time();
        loop.callAt(start, () -> tick(loop, start, 1, 5));
        try {
            loop.runForever();
        } finally {
            loop.close();
        }
    }

    private static void tick(EventLoop loop, double due, int count, int last) {
        System.out.println("tick " + count + " at " + LocalDateTime.now());
        if (count < last) {
            loop.callAt(due + 1.0, () -> tick(loop, due + 1.0, count + 1, last));
        } else {
            loop.stop();
        }
    }
}
