package io.jasyncio.it.runner;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;

/**
 * A program whose loop waits for SIGHUP through addSignalHandler: the signal test sends it one.
 * Started with SIGHUP ignored (under nohup), it prints why its handler was refused instead.
 */
public final class SignalHandled {
    private SignalHandled() {}

    public static void main(String[] args) {
        try (EventLoop loop = EventLoop.newEventLoop()) {
            Future<String> received = loop.createFuture();
            try {
                loop.addSignalHandler("HUP", () -> {
                    System.out.println("got HUP on " + Thread.currentThread().getName());
                    received.setResult("HUP");
                });
            } catch (IllegalArgumentException refused) {
                System.out.println("refused: " + refused.getMessage()); // started with SIGHUP ignored
                return;
            }
            loop.callSoon(() -> {
                System.out.println("ready");
                System.out.flush();
            });
            loop.runUntilComplete(received);
            System.out.println("removed " + loop.removeSignalHandler("HUP"));
            System.out.println("removed again " + loop.removeSignalHandler("HUP"));
        }
    }
}
