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
    public Object generatorStarted(EventLoop loop, GeneratorFrame generator) {
        return loop.asyncGenerators.add(generator);
    }

    @Override
    public void generatorFinished(EventLoop loop, Object started) {
        loop.asyncGenerators.remove((LiveGenerators.Link) started);
    }
}
