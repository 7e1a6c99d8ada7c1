package io.jasyncio.it;

import io.jasyncio.EventLoop;
import org.junit.jupiter.api.AfterEach;

/** A fresh virtual-time loop for each test, closed after it. */
public abstract class VirtualLoopTest {
    protected final EventLoop loop = EventLoop.newVirtualTimeLoop();

    @AfterEach
    protected void closeLoop() {
        loop.close();
    }
}
