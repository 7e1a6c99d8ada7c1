package io.jasyncio;

/**
 * The error for an {@code await} reached in a method the jasyncio bytecode pass did not
 * rewrite: it names that method and says how to put the processor on the build.
 */
final class NotRewritten {
    private NotRewritten() {}

    static IllegalStateException await() {
        String caller = StackWalker.getInstance()
                .walk(frames -> frames
                        .filter(f -> !f.getClassName().equals(Asyncio.class.getName())
                                && !f.getClassName().equals(NotRewritten.class.getName()))
                        .findFirst()
                        .map(f -> f.getClassName() + "." + f.getMethodName()
                                + "(" + f.getFileName() + ":" + f.getLineNumber() + ")")
                        .orElse("an unknown method"));
        return new IllegalStateException("await() was reached in " + caller
                + ", which the jasyncio processor did not rewrite. Mark the method @Async and compile it"
                + " with io.jasyncio:jasyncio-processor on the annotation processor path (Maven:"
                + " maven-compiler-plugin <annotationProcessorPaths>; Gradle: annotationProcessor;"
                + " javac: -processorpath; on JDK 23+ with the processor only on the class path, add -proc:full).");
    }
}
