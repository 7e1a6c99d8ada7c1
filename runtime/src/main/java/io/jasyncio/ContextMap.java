package io.jasyncio;

import java.util.Arrays;

/**
 * The immutable mapping of a {@link Context}: a context variable to its value. A context copy
 * shares it, so copying is O(1) however many variables are set; setting one makes a new map
 * (a copy of the small array, O(n) in the number of variables, which stays small in practice:
 * a request id, a user, a deadline). Python uses a persistent HAMT for the same contract.
 */
final class ContextMap {
    static final ContextMap EMPTY = new ContextMap(new Object[0]);

    /** Variables and values, alternating. */
    private final Object[] entries;

    private ContextMap(Object[] entries) {
        this.entries = entries;
    }

    boolean isEmpty() {
        return entries.length == 0;
    }

    int size() {
        return entries.length / 2;
    }

    /** The value of {@code var}, or {@code absent} if it is not set. */
    Object get(ContextVar<?> var, Object absent) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i] == var) {
                return entries[i + 1];
            }
        }
        return absent;
    }

    ContextMap with(ContextVar<?> var, Object value) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i] == var) {
                Object[] copy = entries.clone();
                copy[i + 1] = value;
                return new ContextMap(copy);
            }
        }
        Object[] grown = Arrays.copyOf(entries, entries.length + 2);
        grown[entries.length] = var;
        grown[entries.length + 1] = value;
        return new ContextMap(grown);
    }

    ContextMap without(ContextVar<?> var) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i] == var) {
                Object[] shrunk = new Object[entries.length - 2];
                System.arraycopy(entries, 0, shrunk, 0, i);
                System.arraycopy(entries, i + 2, shrunk, i, entries.length - i - 2);
                return new ContextMap(shrunk);
            }
        }
        return this;
    }

    /** The variables set, in the order they were first set. */
    ContextVar<?>[] vars() {
        ContextVar<?>[] vars = new ContextVar<?>[entries.length / 2];
        for (int i = 0; i < vars.length; i++) {
            vars[i] = (ContextVar<?>) entries[2 * i];
        }
        return vars;
    }
}
