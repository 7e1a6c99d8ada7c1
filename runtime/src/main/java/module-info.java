/**
 * jasyncio's runtime: asyncio's event loop, futures, tasks, helpers, synchronization
 * primitives, queues and networking for {@code @Async} methods.
 *
 * <p>{@code io.jasyncio.internal} is exported because the code the bytecode pass writes into
 * a program's classes calls it; it is not an API to program against. Flight Recorder is
 * optional: without the {@code jdk.jfr} module the loop records nothing; without
 * {@code jdk.unsupported}, a {@link io.jasyncio.Runner} does not turn Ctrl-C into a cancel.
 */
module io.jasyncio {
    requires java.management;
    requires static jdk.jfr;
    requires static jdk.unsupported;

    exports io.jasyncio;
    exports io.jasyncio.net;
    exports io.jasyncio.internal;
}
