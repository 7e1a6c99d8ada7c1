package io.jasyncio;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A loop's {@link EventLoopMXBean} in the platform MBean server: registered by the loop on its
 * first run, unregistered when it closes. The registration is the only code of
 * the loop that touches {@code java.management}, and a failure there never stops the loop: it
 * is logged once.
 */
final class LoopManagement implements EventLoopMXBean {
    private final EventLoop loop;
    private final ObjectName name;

    private LoopManagement(EventLoop loop, ObjectName name) {
        this.loop = loop;
        this.name = name;
    }

    /**
     * Whether a loop starting to run registers its bean: yes unless {@code -Djasyncio.jmx=false}.
     * The first registration starts the platform MBean server (a one-time cost of about a fifth
     * of a second of CPU), which a program that must start fast can decline.
     */
    static boolean wanted() {
        return !"false".equals(System.getProperty("jasyncio.jmx"));
    }

    /** Registers {@code loop}'s bean under {@code io.jasyncio:type=EventLoop,name=<loopName>}; null if that failed. */
    static LoopManagement register(EventLoop loop, String loopName) {
        try {
            ObjectName name = new ObjectName("io.jasyncio:type=EventLoop,name=" + ObjectName.quote(loopName));
            LoopManagement bean = new LoopManagement(loop, name);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            return bean;
        } catch (JMException | RuntimeException | LinkageError e) {
            EventLoop.LOG.log(System.Logger.Level.WARNING, "cannot register the event loop's MXBean", e);
            return null;
        }
    }

    void unregister() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            EventLoop.LOG.log(System.Logger.Level.WARNING, "cannot unregister the event loop's MXBean", e);
        }
    }

    @Override
    public int getTaskCount() {
        return loop.allTasks().size();
    }

    @Override
    public int getReadyCount() {
        return loop.readyCount();
    }

    @Override
    public String dumpTasks() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            for (Task<?> task : loop.allTasks()) {
                try {
                    task.printStack(out);
                } catch (RuntimeException raced) {
                    // The task moved on while this thread read it: say so and go on with the others.
                    out.println("Stack for " + task.getName() + " unavailable: it changed while being read");
                }
            }
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
