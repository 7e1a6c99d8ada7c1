package io.jasyncio.processor;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's own processing environment behind the wrappers build tools put around it.
 * {@code JavacTask.instance} and {@code Trees.instance} accept only javac's class, yet IntelliJ
 * IDEA's build hands processors a {@link Proxy} of its own (to track generated files), Gradle
 * an object with a {@code delegate} field and Kotlin's kapt one with a {@code processingEnv}
 * field. Each is peeled in turn, reflectively and never failing: whatever cannot be unwrapped
 * is returned as it is, and the caller then treats the compiler as not javac.
 *
 * <p>Only javac's objects are taken from the result: the Filer and Messager stay the wrapped
 * ones, since the wrapper's job is to see what the processor writes.
 */
final class JavacEnvironments {
    static final String JAVAC_ENVIRONMENT = "com.sun.tools.javac.processing.JavacProcessingEnvironment";
    /** IntelliJ's wrapper class, with a public static {@code unwrap(Class, Object)} since 2020.3. */
    private static final String JETBRAINS_WRAPPERS = "org.jetbrains.jps.javac.APIWrappers";
    /** How many wrappers deep to look: real builds nest one or two. */
    private static final int MAX_DEPTH = 8;

    private JavacEnvironments() {}

    /** javac's environment under {@code env}'s wrappers, or {@code env} itself if none is found. */
    static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
        ProcessingEnvironment current = env;
        for (int depth = 0; depth < MAX_DEPTH && !isJavac(current); depth++) {
            ProcessingEnvironment inner = unwrapOnce(current);
            if (inner == null || inner == current) {
                break;
            }
            current = inner;
        }
        return isJavac(current) ? current : env;
    }

    static boolean isJavac(Object env) {
        return env.getClass().getName().equals(JAVAC_ENVIRONMENT);
    }

    private static ProcessingEnvironment unwrapOnce(ProcessingEnvironment env) {
        ProcessingEnvironment inner = byJetBrainsUnwrap(env);
        if (inner == null && Proxy.isProxyClass(env.getClass())) {
            // The handler of IntelliJ's proxy (before 2020.3 too) is an anonymous class holding
            // the delegate in the field javac makes for a captured variable named delegateTo.
            inner = field(Proxy.getInvocationHandler(env), "val$delegateTo");
        }
        if (inner == null) {
            inner = field(env, "delegate"); // Gradle's incremental processing
        }
        if (inner == null) {
            inner = field(env, "processingEnv"); // Kotlin's kapt
        }
        return inner;
    }

    private static ProcessingEnvironment byJetBrainsUnwrap(ProcessingEnvironment env) {
        ClassLoader loader = env.getClass().getClassLoader();
        if (loader == null) {
            return null;
        }
        try {
            Class<?> wrappers = Class.forName(JETBRAINS_WRAPPERS, false, loader);
            Method unwrap = wrappers.getDeclaredMethod("unwrap", Class.class, Object.class);
            Object inner = unwrap.invoke(null, ProcessingEnvironment.class, env);
            return inner instanceof ProcessingEnvironment found ? found : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError absent) {
            return null;
        }
    }

    /** The value of the field {@code name} declared by {@code holder}'s class or a superclass, if it is an environment. */
    private static ProcessingEnvironment field(Object holder, String name) {
        for (Class<?> type = holder.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                Object value = field.get(holder);
                return value instanceof ProcessingEnvironment found ? found : null;
            } catch (NoSuchFieldException next) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException | LinkageError inaccessible) {
                return null;
            }
        }
        return null;
    }
}
