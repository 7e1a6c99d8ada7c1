package io.jasyncio;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;

/**
 * Whether any program code has used context variables yet: until the first
 * {@link ContextVar#set}, {@link Context#run} or {@link Context#copyContext}, every context is
 * empty, and the loop skips the context work of each callback and task step. The answer comes
 * from a call site whose target is a constant, which the JIT folds; switching it on retargets
 * the site and deoptimizes the code that folded it. A step or callback running when it switches
 * on sees it at its end, where it asks again, so what it set is kept as if it had been on all
 * along.
 */
final class ContextsInUse {
    private static final MethodHandle NO = MethodHandles.constant(boolean.class, false);
    private static final MethodHandle YES = MethodHandles.constant(boolean.class, true);
    private static final MutableCallSite SITE = new MutableCallSite(NO);
    private static final MethodHandle IN_USE = SITE.dynamicInvoker();

    private ContextsInUse() {}

    static boolean inUse() {
        try {
            return (boolean) IN_USE.invokeExact();
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** From now on, for the rest of the JVM's life. */
    static void switchOn() {
        if (!inUse()) {
            synchronized (SITE) {
                SITE.setTarget(YES);
                MutableCallSite.syncAll(new MutableCallSite[] {SITE});
            }
        }
    }
}
