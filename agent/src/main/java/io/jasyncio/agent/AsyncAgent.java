package io.jasyncio.agent;

import java.lang.instrument.Instrumentation;

/**
 * The jasyncio java agent: {@code java -javaagent:jasyncio-agent.jar ...} rewrites the
 * {@code @Async} methods of every class as it loads, whatever compiled it (ECJ, an IDE's run
 * configuration, a third-party jar). Classes the processor or the weaver already rewrote are
 * left alone, and a class without {@code @Async} methods costs a scan of its constant pool.
 *
 * <p>The rewrite of a class also makes one frame class per {@code @Async} method; the agent
 * defines them in the class's loader as the class loads ({@link FrameClassDefiner}).
 */
public final class AsyncAgent {
    private AsyncAgent() {}

    /** {@code -javaagent:}: runs before the application's {@code main}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        install(instrumentation);
    }

    /** {@code Launcher-Agent-Class}, for an executable jar that carries the agent. */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        install(instrumentation);
    }

    static void install(Instrumentation instrumentation) {
        instrumentation.addTransformer(new AsyncClassFileTransformer(new FrameClassDefiner(instrumentation)));
    }
}
