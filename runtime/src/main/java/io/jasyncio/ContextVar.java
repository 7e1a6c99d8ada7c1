package io.jasyncio;

import java.util.NoSuchElementException;

/**
 * A variable whose value depends on the {@link Context} code runs in: Python's
 * {@code contextvars.ContextVar}. A value set in a task is seen by that task and by what it
 * awaits and starts afterwards, not by other tasks: the way to carry a request id, a user or
 * a deadline through awaits, where a {@code ThreadLocal} would be shared by every task of the
 * loop's thread. Declare it once, as a constant.
 *
 * <p>To feed a {@code ThreadLocal}-based logging context (an SLF4J MDC, say), copy the variable
 * into it where a log line is written, or in a wrapper around the work: the task's values move
 * with the task, the thread's stay with the thread.
 *
 * @param <T> the type of the value
 */
public final class ContextVar<T> {
    /** Stands for "no value" in lookups. */
    private static final Object MISSING = new Object();

    private final String name;
    private final T defaultValue;
    private final boolean hasDefault;

    /** A variable without a default: {@link #get()} throws until it is set. */
    public ContextVar(String name) {
        this(name, null, false);
    }

    /** A variable whose {@link #get()} gives {@code defaultValue} until it is set. */
    public ContextVar(String name, T defaultValue) {
        this(name, defaultValue, true);
    }

    private ContextVar(String name, T defaultValue, boolean hasDefault) {
        if (name == null) {
            throw new NullPointerException("name");
        }
        this.name = name;
        this.defaultValue = defaultValue;
        this.hasDefault = hasDefault;
    }

    public String name() {
        return name;
    }

    /**
     * The value in the current context, else the default.
     *
     * @throws NoSuchElementException if it is not set and has no default
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object value = lookUp();
        if (value != MISSING) {
            return (T) value;
        }
        if (hasDefault) {
            return defaultValue;
        }
        throw new NoSuchElementException("<ContextVar name='" + name + "'> has no value");
    }

    /** The value in the current context, else {@code fallback} (even when there is a default). */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        Object value = lookUp();
        return value != MISSING ? (T) value : fallback;
    }

    private Object lookUp() {
        Context context = ContextState.ofCurrentThread().current;
        return context == null ? MISSING : context.values().get(this, MISSING);
    }

    /**
     * Sets the value in the current context and returns a token that {@link #reset} takes to
     * restore the value before.
     */
    public Token<T> set(T value) {
        ContextsInUse.switchOn();
        Context context = ContextState.ofCurrentThread().materialized();
        Object previous = context.values().get(this, MISSING);
        context.setValues(context.values().with(this, value));
        return new Token<>(this, previous, context);
    }

    /**
     * Restores the value {@code token}'s {@link #set} replaced (unset, if there was none).
     *
     * @throws IllegalStateException if the token was used already
     * @throws IllegalArgumentException if the token comes from another variable, or from
     *     another context than the current one
     */
    public void reset(Token<T> token) {
        if (token.used) {
            throw new IllegalStateException(token + " has already been used once");
        }
        if (token.var != this) {
            throw new IllegalArgumentException(token + " was created by a different ContextVar");
        }
        Context context = ContextState.ofCurrentThread().current;
        if (context != token.context) {
            throw new IllegalArgumentException(token + " was created in a different Context");
        }
        context.setValues(token.previous == MISSING
                ? context.values().without(this)
                : context.values().with(this, token.previous));
        token.used = true;
    }

    @Override
    public String toString() {
        return "<ContextVar name='" + name + "'" + (hasDefault ? " default=" + defaultValue : "") + ">";
    }

    /**
     * What {@link ContextVar#set} returns, for {@link ContextVar#reset}: the variable and the
     * value it had before. Usable once.
     *
     * @param <T> the variable's type
     */
    public static final class Token<T> {
        private final ContextVar<T> var;
        private final Object previous;
        private final Context context;
        private boolean used;

        private Token(ContextVar<T> var, Object previous, Context context) {
            this.var = var;
            this.previous = previous;
            this.context = context;
        }

        /** The variable this token was created by. */
        public ContextVar<T> var() {
            return var;
        }

        /** True if the variable had no value in that context before the set. */
        public boolean hadNoValue() {
            return previous == MISSING;
        }

        /** The value before the set, or null if it had none ({@link #hadNoValue()}). */
        @SuppressWarnings("unchecked")
        public T oldValue() {
            return previous == MISSING ? null : (T) previous;
        }

        @Override
        public String toString() {
            return "<Token var=" + var + (used ? " used" : "") + ">";
        }
    }
}
