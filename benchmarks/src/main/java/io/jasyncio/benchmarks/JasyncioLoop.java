package io.jasyncio.benchmarks;

import io.jasyncio.EventLoop;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A jasyncio loop for one benchmark trial, driven from the JMH thread with runUntilComplete. */
@State(Scope.Benchmark)
public class JasyncioLoop {
    EventLoop loop;

    @Setup(Level.Trial)
    public void setUp() {
        loop = EventLoop.newEventLoop();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
    }
}
