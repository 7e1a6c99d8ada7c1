package io.jasyncio.benchmarks;

import io.jasyncio.ContextVar;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A context variable's {@code get} and {@code set} beside a {@code ThreadLocal}'s, with the
 * variable set among three others in the current context (a request id, a user, a deadline
 * and a tenant: what contexts carry in practice). {@code ScopedValue} is in
 * {@link ScopedValueBenchmark}, which needs JDK 25.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ContextVarBenchmark {
    private static final ContextVar<String> REQUEST = new ContextVar<>("request");
    private static final ContextVar<String> USER = new ContextVar<>("user");
    private static final ContextVar<Long> DEADLINE = new ContextVar<>("deadline");
    private static final ContextVar<String> TENANT = new ContextVar<>("tenant");
    private static final ThreadLocal<String> THREAD_LOCAL = new ThreadLocal<>();

    private int counter;

    /** Sets the four variables in the benchmark thread's own context, where the benchmarks run. */
    @Setup
    public void setFourVariables() {
        REQUEST.set("r-1");
        USER.set("ada");
        DEADLINE.set(1L);
        TENANT.set("t");
        THREAD_LOCAL.set("r-1");
    }

    @Benchmark
    public String contextVarGet() {
        return REQUEST.get();
    }

    @Benchmark
    public String threadLocalGet() {
        return THREAD_LOCAL.get();
    }

    @Benchmark
    public Object contextVarSet() {
        return REQUEST.set("r-" + (counter++ & 7));
    }

    @Benchmark
    public Object threadLocalSet() {
        THREAD_LOCAL.set("r-" + (counter++ & 7));
        return THREAD_LOCAL;
    }
}
