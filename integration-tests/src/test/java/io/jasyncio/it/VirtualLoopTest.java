package io.jasyncio.it;

import io.jasyncio.EventLoop;
import org.junit.jupiter.api.AfterEach;

/** A fresh virtual-time loop for each test, closed after it. */
abstract class VirtualLoopTest {
    final EventLoop loop = EventLoop.newVirtualTimeLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }
}
