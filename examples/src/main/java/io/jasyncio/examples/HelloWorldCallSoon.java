package io.jasyncio.examples;

import io.jasyncio.EventLoop;

/**
 * asyncio's "Hello World with call_soon()": a callback that prints and stops the loop.
 *
 * <pre>
 * Hello World
 * </pre>
 */
public final class HelloWorldCallSoon {
    private HelloWorldCallSoon() {}

    public static void main(String[] args) {
        EventLoop loop = EventLoop.newEventLoop();
        // Schedule a call to helloWorld(); it stops the loop, so runForever() returns.
        loop.callSoon(() -> helloWorld(loop));
        try {
            // Blocking call interrupted by loop.stop().
            loop.runForever();
        } finally {
            loop.close();
        }
    }

    private static void helloWorld(EventLoop loop) {
        System.out.println("Hello World");
        loop.stop();
    }
}
