package io.jasyncio.processor.transform;

/** An {@code @Async} method the bytecode pass cannot rewrite; the message says why. */
public final class TransformException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of method it is that cannot be rewritten. */
    public enum Kind {
        /** Abstract or native: no code to rewrite. */
        NO_BODY,
        /** Synchronized: a coroutine cannot hold a monitor across awaits. */
        SYNCHRONIZED,
        /** It does not return {@code io.jasyncio.Coroutine}. */
        NOT_COROUTINE,
        /** Its code has a shape the pass does not rewrite; the message names it. */
        UNSUPPORTED
    }

    private final String methodName;
    private final Kind kind;

    TransformException(String className, String methodName, String reason) {
        this(className, methodName, Kind.UNSUPPORTED, reason);
    }

    TransformException(String className, String methodName, Kind kind, String reason) {
        super("cannot rewrite @Async method " + className.replace('/', '.') + "." + methodName + ": " + reason);
        this.methodName = methodName;
        this.kind = kind;
    }

    /** The simple name of the method concerned. */
    public String methodName() {
        return methodName;
    }

    public Kind kind() {
        return kind;
    }
}
