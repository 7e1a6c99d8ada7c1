package io.jasyncio.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * Defines a frame class in the loader of the class it belongs to, while that class is being
 * loaded: through {@code ClassLoader.defineClass}, the one way into an arbitrary loader. The
 * frame lands in the same package, module and protection domain as its host.
 *
 * <p>Set up on the first frame, not at start-up: a program whose classes have no
 * {@code @Async} method never opens {@code java.lang} to the agent (the JVM lets an agent do
 * that for itself) nor pays for the reflection.
 */
final class FrameClassDefiner {
    private final Instrumentation instrumentation;
    private volatile Method defineClass;

    /** With {@code instrumentation} null, {@code java.lang} must already be open to the agent (as in its tests). */
    FrameClassDefiner(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    void define(ClassLoader loader, String binaryName, byte[] bytes, ProtectionDomain domain)
            throws ReflectiveOperationException {
        defineClass().invoke(loader, binaryName, bytes, 0, bytes.length, domain);
    }

    private Method defineClass() throws NoSuchMethodException {
        Method method = defineClass;
        if (method == null) {
            synchronized (this) {
                method = defineClass;
                if (method == null) {
                    if (instrumentation != null) {
                        instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                                Map.of("java.lang", Set.of(FrameClassDefiner.class.getModule())), Set.of(), Map.of());
                    }
                    method = ClassLoader.class.getDeclaredMethod("defineClass",
                            String.class, byte[].class, int.class, int.class, ProtectionDomain.class);
                    method.setAccessible(true);
                    defineClass = method;
                }
            }
        }
        return method;
    }
}
