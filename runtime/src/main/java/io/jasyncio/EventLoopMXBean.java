package io.jasyncio;

/**
 * What JConsole, JMC or any JMX client sees of one event loop, registered in the platform MBean
 * server as {@code io.jasyncio:type=EventLoop,name=<loop name>} from the loop's first run until
 * it closes. The first loop of a program to register starts the platform MBean server, a
 * one-time cost of about a fifth of a second of CPU; {@code -Djasyncio.jmx=false} declines it
 * and registers nothing.
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
