package io.jasyncio;

/**
 * What JConsole, JMC or any JMX client sees of one event loop, registered in the platform MBean
 * server as {@code io.jasyncio:type=EventLoop,name=<loop name>} while the loop is open. A loop
 * registers it when it first runs in {@linkplain EventLoop#setDebug debug mode}, or in any mode
 * with {@code -Djasyncio.jmx=true} (the platform MBean server costs a program about a tenth of
 * a second to start, which a loop does not impose on programs that do not ask).
 *
 * <p>Every operation may be called from any thread and never waits for the loop: the counts
 * are read as they are at that moment.
 */
public interface EventLoopMXBean {
    /** The tasks of the loop that are not done yet. */
    int getTaskCount();

    /** The callbacks and task steps queued to run in the loop's next iteration. */
    int getReadyCount();

    /** Each pending task's {@link Task#printStack} text, oldest task first. */
    String dumpTasks();
}
