package io.jasyncio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Where debug mode's tasks and callbacks were created, for the warnings about them (asyncio's
 * {@code source_traceback}): the user's frames of the stack that created them, without the
 * runtime's. Kept beside the objects, weakly, so that a task or handle costs not a byte more
 * when debug mode is off.
 */
final class CreationSites {
    /** Frames of a creation site kept: the innermost user code and what called it. */
    private static final int DEPTH = 8;

    private static final Map<Object, List<StackTraceElement>> SITES = Collections.synchronizedMap(new WeakHashMap<>());

    private CreationSites() {}

    /** Remembers where {@code created} (a task or a handle) is being created: here. */
    static void remember(Object created) {
        SITES.put(created, userFrames(0));
    }

    /** Where {@code created} was created, innermost first; empty if it was not remembered. */
    static List<StackTraceElement> of(Object created) {
        List<StackTraceElement> site = SITES.get(created);
        return site == null ? List.of() : site;
    }

    /**
     * The user's frames of the current stack, innermost first, after skipping {@code skip} of
     * them (1 for a coroutine: the innermost is its method's stub, which only made the frame).
     */
    static List<StackTraceElement> userFrames(int skip) {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        List<StackTraceElement> site = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < stack.length && site.size() < DEPTH; i++) {
            if (isMachinery(stack[i])) {
                continue;
            }
            if (site.isEmpty() && skipped < skip) {
                skipped++;
                continue;
            }
            site.add(stack[i]);
        }
        return List.copyOf(site);
    }

    /** The runtime's own frames, the classes the bytecode pass generates, and the JDK's. */
    static boolean isMachinery(StackTraceElement element) {
        String className = element.getClassName();
        if (className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")) {
            return true;
        }
        int dot = className.lastIndexOf('.');
        String packageName = dot < 0 ? "" : className.substring(0, dot);
        return packageName.equals("io.jasyncio") || packageName.equals("io.jasyncio.internal")
                || packageName.equals("io.jasyncio.net") || className.contains("$$");
    }
}
