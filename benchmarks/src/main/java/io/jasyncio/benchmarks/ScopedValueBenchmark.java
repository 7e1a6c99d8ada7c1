package io.jasyncio.benchmarks;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code ScopedValue} (final in JDK 25), to set beside {@link ContextVarBenchmark}'s context
 * variable and {@code ThreadLocal}: a {@code get} inside a binding, and a binding made and left
 * around one {@code get} (a scoped value is never set: rebinding is its {@code set}). This
 * module compiles for Java 17, so the API is reached through constant method handles and a
 * {@code CallableOp} made by {@link LambdaMetafactory}, all of which the JIT compiles to direct
 * calls. JDK 25 or later only: on an older JDK the class fails to initialize, and CI's smoke
 * run on 17 leaves it out.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ScopedValueBenchmark {
    private static final int GETS = 1_000;
    private static final MethodHandle GET;
    private static final MethodHandle WHERE;
    private static final MethodHandle CALL;
    private static final Object REQUEST;
    /** A {@code CallableOp} that reads {@link #REQUEST} once. */
    private static final Object GET_ONCE;
    /** A {@code CallableOp} that reads {@link #REQUEST} {@link #GETS} times into {@link #sink}. */
    private static final Object GET_MANY;
    /** Where {@link #GET_MANY} puts what it reads: the benchmark thread's Blackhole. */
    private static Blackhole sink;

    static {
        try {
            Class<?> scopedValue = Class.forName("java.lang.ScopedValue");
            Class<?> carrier = Class.forName("java.lang.ScopedValue$Carrier");
            Class<?> callableOp = Class.forName("java.lang.ScopedValue$CallableOp");
            MethodHandles.Lookup publicLookup = MethodHandles.publicLookup();
            REQUEST = publicLookup.findStatic(scopedValue, "newInstance", MethodType.methodType(scopedValue)).invoke();
            GET = publicLookup.findVirtual(scopedValue, "get", MethodType.methodType(Object.class))
                    .asType(MethodType.methodType(Object.class, Object.class));
            WHERE = publicLookup.findStatic(scopedValue, "where", MethodType.methodType(carrier, scopedValue, Object.class))
                    .asType(MethodType.methodType(Object.class, Object.class, Object.class));
            CALL = publicLookup.findVirtual(carrier, "call", MethodType.methodType(Object.class, callableOp))
                    .asType(MethodType.methodType(Object.class, Object.class, Object.class));
            GET_ONCE = callableOp(callableOp, "getOnce");
            GET_MANY = callableOp(callableOp, "getMany");
        } catch (Throwable e) {
            throw new ExceptionInInitializerError("ScopedValue needs JDK 25 or later: " + e);
        }
    }

    private static Object callableOp(Class<?> type, String method) throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodType body = MethodType.methodType(Object.class);
        return LambdaMetafactory.metafactory(lookup, "call", MethodType.methodType(type), body,
                lookup.findStatic(ScopedValueBenchmark.class, method, body), body).getTarget().invoke();
    }

    private static Object getOnce() throws Throwable {
        return (Object) GET.invokeExact(REQUEST);
    }

    private static Object getMany() throws Throwable {
        for (int i = 0; i < GETS; i++) {
            sink.consume((Object) GET.invokeExact(REQUEST));
        }
        return null;
    }

    /** One binding, then {@link #GETS} reads inside it: the cost of a read. */
    @Benchmark
    @OperationsPerInvocation(GETS)
    public Object scopedValueGet(Blackhole blackhole) throws Throwable {
        sink = blackhole;
        return (Object) CALL.invokeExact((Object) WHERE.invokeExact(REQUEST, (Object) "r-1"), GET_MANY);
    }

    /** A binding made and left around one read: what a scoped value has instead of a set. */
    @Benchmark
    public Object scopedValueBindAndGet() throws Throwable {
        return (Object) CALL.invokeExact((Object) WHERE.invokeExact(REQUEST, (Object) "r-1"), GET_ONCE);
    }
}
