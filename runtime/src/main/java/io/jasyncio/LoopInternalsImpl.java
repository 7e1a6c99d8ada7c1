package io.jasyncio;

import io.jasyncio.internal.GeneratorFrame;
import io.jasyncio.internal.LoopInternals;

/** {@link LoopInternals} for {@link EventLoop}: installed by the loop class as it initializes. */
final class LoopInternalsImpl extends LoopInternals {
    @Override
    public boolean runsTask(EventLoop loop) {
        return loop.currentTask() != null;
    }

    @Override
    public void generatorStarted(EventLoop loop, GeneratorFrame generator) {
        loop.asyncGenerators.add(generator);
    }
}
