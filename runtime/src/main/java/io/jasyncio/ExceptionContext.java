package io.jasyncio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an {@link ExceptionHandler} is told: asyncio's context dictionary, immutable. It always
 * has a {@code "message"}; the keys asyncio defines besides are {@code "exception"},
 * {@code "future"}, {@code "task"}, {@code "handle"}, {@code "protocol"}, {@code "transport"}
 * and {@code "socket"}, and any other key may be added.
 *
 * <pre>{@code
 * loop.callExceptionHandler(ExceptionContext.of("Fatal read error", e).with("transport", t));
 * }</pre>
 */
public final class ExceptionContext {
    private final Map<String, Object> values;

    private ExceptionContext(Map<String, Object> values) {
        this.values = values;
    }

    /** A context with just a message. */
    public static ExceptionContext of(String message) {
        return of(message, null);
    }

    /** A context with a message and the exception (which may be null). */
    public static ExceptionContext of(String message, Throwable exception) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("message", message);
        if (exception != null) {
            values.put("exception", exception);
        }
        return new ExceptionContext(values);
    }

    /** This context with {@code key} set to {@code value}. */
    public ExceptionContext with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new ExceptionContext(copy);
    }

    public String message() {
        return (String) values.get("message");
    }

    /** The exception, or null. */
    public Throwable exception() {
        return (Throwable) values.get("exception");
    }

    /** The future concerned, or null. */
    public Future<?> future() {
        return values.get("future") instanceof Future<?> f ? f : null;
    }

    /** The task concerned, or null. */
    public Task<?> task() {
        return values.get("task") instanceof Task<?> t ? t : null;
    }

    /** The handle of the callback concerned, or null. */
    public Handle handle() {
        return values.get("handle") instanceof Handle h ? h : null;
    }

    /** The value of any key, or null. */
    public Object get(String key) {
        return values.get(key);
    }

    /** Every key and value, in the order they were added. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /**
     * The message, then every other key but {@code "exception"} as {@code key: value}, sorted by
     * key, one per line: what the default handler logs (the exception goes with it).
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.valueOf(message()));
        for (Map.Entry<String, Object> e : new TreeMap<>(values).entrySet()) {
            if (!e.getKey().equals("message") && !e.getKey().equals("exception")) {
                text.append('\n').append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        return text.toString();
    }
}
