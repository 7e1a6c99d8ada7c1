package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop's MXBean, read through the platform MBean server from another thread while the loop runs. */
@Timeout(60)
class LoopMXBeanTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private static Set<ObjectName> loopBeans() throws Exception {
        return new HashSet<>(SERVER.queryNames(new ObjectName("io.jasyncio:type=EventLoop,*"), null));
    }

    @Test
    void aRunningLoopShowsItsTasksAndTheirStacksUntilItCloses() throws Exception {
        Set<ObjectName> before = loopBeans();
        EventLoop loop = EventLoop.newEventLoop();
        assertFalse(loop.getDebug(), "no debug mode needed");
        ObjectName bean;
        try (LoopOnAnotherThread running = new LoopOnAnotherThread(loop, 3)) {
            Set<ObjectName> added = loopBeans();
            added.removeAll(before);
            assertEquals(1, added.size(), added.toString());
            bean = added.iterator().next();
            assertTrue(bean.getKeyProperty("name").startsWith("\"loop-"), bean.toString());

            assertEquals(3, SERVER.getAttribute(bean, "TaskCount"));
            assertTrue((Integer) SERVER.getAttribute(bean, "ReadyCount") >= 0);
            String dump = (String) SERVER.invoke(bean, "dumpTasks", new Object[0], new String[0]);
            for (int i = 0; i < 3; i++) {
                assertTrue(dump.contains("name='w" + i + "'"), dump);
            }
        }
        assertFalse(SERVER.isRegistered(bean), "unregistered when the loop closes");
    }

    @Test
    void withJmxDeclinedALoopRegistersNothing() throws Exception {
        Set<ObjectName> before = loopBeans();
        System.setProperty("jasyncio.jmx", "false");
        try (EventLoop loop = EventLoop.newEventLoop()) {
            loop.runUntilComplete(Asyncio.sleep(0));
            assertEquals(before, loopBeans());
        } finally {
            System.clearProperty("jasyncio.jmx");
        }
    }
}
