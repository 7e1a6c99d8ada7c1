package io.jasyncio.processor.transform;

/** An {@code @Async} method the bytecode pass cannot rewrite; the message says why. */
public final class TransformException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String methodName;

    TransformException(String className, String methodName, String reason) {
        super("cannot rewrite @Async method " + className.replace('/', '.') + "." + methodName + ": " + reason);
        this.methodName = methodName;
    }

    /** The simple name of the method concerned. */
    public String methodName() {
        return methodName;
    }
}
