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
 *
 * <p>A site is captured as the JVM's own record of the stack, which is cheap to take, and
 * turned into stack trace elements only when a warning prints it: most tasks, callbacks and
 * coroutines are never reported, and resolving every frame of a deep stack was most of what
 * debug mode cost.
 */
final class CreationSites {
    /** Frames of a creation site kept: the innermost user code and what called it. */
    private static final int DEPTH = 8;

    private static final Map<Object, Site> SITES = Collections.synchronizedMap(new WeakHashMap<>());

    private CreationSites() {}

    /** Remembers where {@code created} (a task or a handle) is being created: here. */
    static void remember(Object created) {
        SITES.put(created, new Site(0));
    }

    /** Where {@code created} was created, innermost first; empty if it was not remembered. */
    static List<StackTraceElement> of(Object created) {
        Site site = SITES.get(created);
        return site == null ? List.of() : site.userFrames();
    }

    /**
     * The current stack, to be read later as its user's frames, innermost first, after
     * skipping {@code skip} of them (1 for a coroutine: the innermost is its method's stub,
     * which only made the frame).
     */
    static Site here(int skip) {
        return new Site(skip);
    }

    /** A stack as captured, resolved to the user's frames the first time they are asked for. */
    static final class Site extends Throwable {
        private static final long serialVersionUID = 1L;
        private final transient int skip;
        private transient List<StackTraceElement> userFrames;

        private Site(int skip) {
            super("created here", null, false, true);
            this.skip = skip;
        }

        synchronized List<StackTraceElement> userFrames() {
            if (userFrames == null) {
                userFrames = select(getStackTrace(), skip);
            }
            return userFrames;
        }
    }

    private static List<StackTraceElement> select(StackTraceElement[] stack, int skip) {
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
        return isMachinery(element.getClassName());
    }

    /** {@link #isMachinery(StackTraceElement)} by the frame's class name. */
    static boolean isMachinery(String className) {
        if (className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")) {
            return true;
        }
        int dot = className.lastIndexOf('.');
        String packageName = dot < 0 ? "" : className.substring(0, dot);
        return packageName.equals("io.jasyncio") || packageName.equals("io.jasyncio.internal")
                || packageName.equals("io.jasyncio.net") || className.contains("$$");
    }
}
