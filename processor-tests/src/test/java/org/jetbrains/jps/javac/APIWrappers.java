package org.jetbrains.jps.javac;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * A stand-in for IntelliJ IDEA's build wrapper (JPS's {@code APIWrappers}), written for the
 * tests to the shape the real one has, as far as a processor can see it: the processor is
 * handed a {@link Proxy} of {@link ProcessingEnvironment} that also implements
 * {@link WrapperDelegateAccessor}, made by this class's loader, whose handler is an anonymous
 * class capturing the delegate as {@code delegateTo}; its {@code getFiler()} answers a Filer
 * proxy of the same make, which records what it creates; a static {@code unwrap(Class, Object)}
 * gives the delegate of a wrapper, or null. Messager, Elements, Types and the round environment
 * are the real ones, as there.
 */
public final class APIWrappers {
    private APIWrappers() {}

    /** What JPS's wrappers implement besides the wrapped interface. */
    public interface WrapperDelegateAccessor<T> {
        T getWrapperDelegate();
    }

    /** The names of the files created through every wrapped Filer, in order. */
    public static final List<String> CREATED = new ArrayList<>();

    /** JPS's unwrap: the delegate of {@code wrapper} if it is a wrapper whose delegate is an {@code iface}; else null. */
    public static <T> T unwrap(Class<? extends T> iface, T wrapper) {
        if (wrapper instanceof WrapperDelegateAccessor<?> accessor) {
            Object delegate = accessor.getWrapperDelegate();
            return iface.isInstance(delegate) ? iface.cast(delegate) : null;
        }
        return null;
    }

    /** {@code processor}, handed a wrapped environment at {@code init}, as IntelliJ's build does. */
    public static Processor wrapProcessor(Processor processor) {
        return wrapProcessor(processor, APIWrappers.class.getClassLoader());
    }

    /**
     * The same, with the environment's proxy made by {@code proxyLoader}: one that cannot see
     * this class, as IDEA before 2020.3 made them, leaves only the handler's captured field.
     */
    public static Processor wrapProcessor(Processor processor, ClassLoader proxyLoader) {
        return new Processor() {
            @Override
            public Set<String> getSupportedOptions() {
                return processor.getSupportedOptions();
            }

            @Override
            public Set<String> getSupportedAnnotationTypes() {
                return processor.getSupportedAnnotationTypes();
            }

            @Override
            public SourceVersion getSupportedSourceVersion() {
                return processor.getSupportedSourceVersion();
            }

            @Override
            public void init(ProcessingEnvironment env) {
                processor.init(wrap(ProcessingEnvironment.class, env, proxyLoader));
            }

            @Override
            public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                return processor.process(annotations, round);
            }

            @Override
            public Iterable<? extends javax.annotation.processing.Completion> getCompletions(
                    javax.lang.model.element.Element element, javax.lang.model.element.AnnotationMirror annotation,
                    javax.lang.model.element.ExecutableElement member, String userText) {
                return processor.getCompletions(element, annotation, member, userText);
            }
        };
    }

    private static <T> T wrap(Class<T> iface, T delegateTo, ClassLoader proxyLoader) {
        boolean accessible = proxyLoader == APIWrappers.class.getClassLoader();
        Class<?>[] interfaces = accessible ? new Class<?>[] {iface, WrapperDelegateAccessor.class} : new Class<?>[] {iface};
        return iface.cast(Proxy.newProxyInstance(proxyLoader, interfaces, new InvocationHandler() {
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if (method.getName().equals("getWrapperDelegate") && method.getParameterCount() == 0) {
                    return delegateTo;
                }
                if (iface == ProcessingEnvironment.class && method.getName().equals("getFiler")) {
                    return wrap(Filer.class, ((ProcessingEnvironment) delegateTo).getFiler(), proxyLoader);
                }
                if (iface == Filer.class && method.getName().startsWith("create")) {
                    CREATED.add(String.valueOf(args[method.getName().equals("createResource") ? 2 : 0]));
                }
                try {
                    return method.invoke(delegateTo, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }));
    }
}
