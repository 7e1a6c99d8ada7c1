package io.jasyncio;

import java.util.List;

/**
 * Several failures at once: what a {@link TaskGroup} throws when its children (or its body)
 * failed. Python's {@code ExceptionGroup}; each failure is also attached as a suppressed
 * exception, so a printed stack trace shows them all.
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<Throwable> exceptions;

    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")");
        this.exceptions = List.copyOf(exceptions);
        this.exceptions.forEach(this::addSuppressed);
    }

    /** The failures, in the order they happened. */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
