package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/** {@link AsyncCloseableClasses} over class files written for the test, without loading any. */
class AsyncCloseableClassesTest {
    private final Map<String, byte[]> files = new HashMap<>();
    private final List<String> read = new ArrayList<>();
    private final AsyncCloseableClasses classes = new AsyncCloseableClasses(name -> {
        read.add(name);
        return files.get(name);
    });

    private void define(int access, String name, String superName, String... interfaces) {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, access, name, null, superName, interfaces);
        writer.visitEnd();
        files.put(name, writer.toByteArray());
    }

    /** A small hierarchy: closeable directly, by a superclass, by an interface; and not. */
    @BeforeEach
    void defineClasses() {
        define(Opcodes.ACC_PUBLIC, "test/Direct", "java/lang/Object", "io/jasyncio/AsyncCloseable");
        define(Opcodes.ACC_PUBLIC, "test/Sub", "test/Direct");
        define(Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT, "test/Closing", "java/lang/Object",
                "io/jasyncio/AsyncCloseable");
        define(Opcodes.ACC_PUBLIC, "test/ViaInterface", "java/lang/Object", "java/lang/Runnable", "test/Closing");
        define(Opcodes.ACC_PUBLIC, "test/Plain", "java/lang/Object", "java/lang/AutoCloseable");
        define(Opcodes.ACC_PUBLIC, "test/Orphan", "test/Missing");
        files.put("test/Garbage", new byte[] {1, 2, 3});
    }

    @Test
    void aClassIsCloseableByAwaitingThroughItsSuperclassesAndInterfaces() {
        for (String name : List.of("test/Direct", "test/Sub", "test/Closing", "test/ViaInterface")) {
            assertTrue(classes.test(name), name);
        }
    }

    @Test
    void otherClassesAndClassesNotFoundAreNot() {
        for (String name : List.of("test/Plain", "test/Orphan", "test/Garbage", "test/Missing", "java/io/Closeable")) {
            assertFalse(classes.test(name), name);
        }
    }

    @Test
    void eachClassFileIsReadOnceAndTheJdksNever() {
        classes.test("test/Sub");
        classes.test("test/Sub");
        classes.test("test/Direct");
        classes.test("java/io/Closeable");

        assertEquals(List.of("test/Sub", "test/Direct"), read);
    }

    @Test
    void theRuntimesCloseablesAreKnownWithoutTheirFiles() {
        assertTrue(classes.test("io/jasyncio/TaskGroup"));
        assertTrue(classes.test("io/jasyncio/net/StreamWriter"));
        assertEquals(List.of(), read);
    }
}
