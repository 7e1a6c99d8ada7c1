package io.jasyncio.agent;

import java.lang.reflect.Method;
import java.security.ProtectionDomain;

/**
 * Defines a frame class in the loader of the class it belongs to, while that class is being
 * loaded: through {@code ClassLoader.defineClass}, the one way into an arbitrary loader (the
 * agent has {@code java.lang} opened to it). The frame lands in the same package, module and
 * protection domain as its host.
 */
final class FrameClassDefiner {
    private final Method defineClass;

    FrameClassDefiner() {
        try {
            defineClass = ClassLoader.class.getDeclaredMethod("defineClass",
                    String.class, byte[].class, int.class, int.class, ProtectionDomain.class);
            defineClass.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the jasyncio agent cannot define classes: " + e, e);
        }
    }

    void define(ClassLoader loader, String binaryName, byte[] bytes, ProtectionDomain domain)
            throws ReflectiveOperationException {
        defineClass.invoke(loader, binaryName, bytes, 0, bytes.length, domain);
    }
}
