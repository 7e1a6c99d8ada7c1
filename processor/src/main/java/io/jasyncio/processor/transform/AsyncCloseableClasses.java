package io.jasyncio.processor.transform;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.objectweb.asm.ClassReader;

/**
 * Tells, from class files alone, whether a class implements {@code AsyncCloseable}: for the
 * weaver and the agent, which must not load the classes they rewrite. Each class is read once
 * (its header only); a class whose file cannot be found counts as not closeable by awaiting, so
 * its {@code close()} stays a plain call. The runtime's own closeables are known without their
 * files, for a weaver run without the runtime on its class path.
 */
public final class AsyncCloseableClasses implements Predicate<String> {
    private static final String ASYNC_CLOSEABLE = "io/jasyncio/AsyncCloseable";
    /** The runtime's classes that close by awaiting (the integration tests hold this list to the runtime). */
    public static final List<String> RUNTIME_CLOSEABLES = List.of(ASYNC_CLOSEABLE, "io/jasyncio/AsyncGenerator",
            "io/jasyncio/TaskGroup", "io/jasyncio/net/StreamWriter", "io/jasyncio/net/Server");

    private final Function<String, byte[]> classFiles;
    private final Map<String, Boolean> known = new HashMap<>();

    /**
     * @param classFiles the class file of a class, by internal name ({@code a/b/C}); null when
     *     there is none
     */
    public AsyncCloseableClasses(Function<String, byte[]> classFiles) {
        this.classFiles = classFiles;
        RUNTIME_CLOSEABLES.forEach(name -> known.put(name, true));
        known.put("java/lang/Object", false);
    }

    /**
     * A class's file as {@code loader} finds it, read without loading the class (which could not
     * be loaded while another class is being defined), or null.
     */
    public static byte[] classFile(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public boolean test(String internalName) {
        Boolean answer = known.get(internalName);
        if (answer != null) {
            return answer;
        }
        if (internalName.startsWith("java/") || internalName.startsWith("javax/")) {
            return false; // the JDK's classes know nothing of this library
        }
        known.put(internalName, false); // until found otherwise: a cycle of bad class files ends here
        byte[] classFile = classFiles.apply(internalName);
        if (classFile == null) {
            return false;
        }
        ClassReader header;
        try {
            header = new ClassReader(classFile);
        } catch (RuntimeException unreadable) {
            return false;
        }
        boolean closeable = header.getSuperName() != null && test(header.getSuperName());
        for (String implemented : header.getInterfaces()) {
            closeable = closeable || test(implemented);
        }
        known.put(internalName, closeable);
        return closeable;
    }
}
