package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Constructor calls with an await in their arguments, in shapes built with ASM: the
 * unfinished object parked in locals as javac does around a switch with a try (rewritten),
 * copied more than javac does, or allocated without a {@code DUP} (refused, naming the method
 * and saying what to do); never an exception out of the pass.
 */
class UninitializedShapesTest {
    private static final String HOST = "shapes/Host";
    private static final String SB = "java/lang/StringBuilder";

    /** {@code static Coroutine<String> name(Future<String> f)} with {@code body} between NEW and the return. */
    private static byte[] hostWith(String name, Consumer<MethodVisitor> body) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, HOST, null, "java/lang/Object", null);
        writer.visitSource("Host.java", null);
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name,
                "(Lio/jasyncio/Future;)Lio/jasyncio/Coroutine;", null, null);
        method.visitAnnotation("Lio/jasyncio/Async;", false).visitEnd();
        method.visitCode();
        body.accept(method);
        method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SB, "toString", "()Ljava/lang/String;", false);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, "io/jasyncio/Asyncio", "result",
                "(Ljava/lang/Object;)Lio/jasyncio/Coroutine;", false);
        method.visitInsn(Opcodes.ARETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    private static void awaitString(MethodVisitor method) {
        method.visitVarInsn(Opcodes.ALOAD, 0);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, "io/jasyncio/Asyncio", "await",
                "(Lio/jasyncio/Awaitable;)Ljava/lang/Object;", false);
        method.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/String");
    }

    private static void init(MethodVisitor method) {
        method.visitMethodInsn(Opcodes.INVOKESPECIAL, SB, "<init>", "(Ljava/lang/String;)V", false);
    }

    @SuppressWarnings("unchecked")
    private static String run(Map<String, byte[]> classes, String method) throws Exception {
        ClassLoader loader = CompiledClasses.of(classes);
        try (EventLoop loop = EventLoop.newVirtualTimeLoop()) {
            Future<String> value = loop.createFuture();
            loop.callLater(1, () -> value.setResult("v"));
            Coroutine<String> coroutine = (Coroutine<String>) loader.loadClass("shapes.Host")
                    .getMethod(method, Future.class).invoke(null, value);
            return loop.runUntilComplete(coroutine);
        }
    }

    private static void assertRefused(byte[] host, String method) {
        TransformException refused = assertThrows(TransformException.class, () -> AsyncClassTransformer.transform(host));
        assertEquals(method, refused.methodName());
        assertEquals(TransformException.Kind.UNSUPPORTED, refused.kind());
        assertTrue(refused.getMessage().startsWith("cannot rewrite @Async method shapes.Host." + method + ": an await"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("Assign the awaited value to a local variable before the constructor call"),
                refused.getMessage());
    }

    @Test
    void theObjectAndItsCopySpilledToLocalsAsJavacDoesIsRewritten() throws Exception {
        byte[] host = hostWith("spilled", method -> {
            method.visitTypeInsn(Opcodes.NEW, SB);
            method.visitInsn(Opcodes.DUP);
            method.visitVarInsn(Opcodes.ASTORE, 2);
            method.visitVarInsn(Opcodes.ASTORE, 1);
            awaitString(method);
            method.visitVarInsn(Opcodes.ASTORE, 3);
            method.visitVarInsn(Opcodes.ALOAD, 1);
            method.visitVarInsn(Opcodes.ALOAD, 2);
            method.visitVarInsn(Opcodes.ALOAD, 3);
            init(method);
        });
        assertEquals("v", run(AsyncClassTransformer.transform(host), "spilled"));
    }

    @Test
    void aThirdCopyOfTheObjectIsRefused() {
        assertRefused(hostWith("threeCopies", method -> {
            method.visitTypeInsn(Opcodes.NEW, SB);
            method.visitInsn(Opcodes.DUP);
            method.visitInsn(Opcodes.DUP);
            awaitString(method);
            init(method);
            method.visitInsn(Opcodes.POP);
        }), "threeCopies");
    }

    @Test
    void anObjectAllocatedWithoutDupAndKeptInALocalIsRefused() {
        assertRefused(hostWith("withoutDup", method -> {
            method.visitTypeInsn(Opcodes.NEW, SB);
            method.visitVarInsn(Opcodes.ASTORE, 1);
            method.visitVarInsn(Opcodes.ALOAD, 1);
            awaitString(method);
            init(method);
            method.visitVarInsn(Opcodes.ALOAD, 1);
        }), "withoutDup");
    }

    @Test
    void theObjectSwappedWithAnArgumentIsRefused() {
        assertRefused(hostWith("swapped", method -> {
            method.visitTypeInsn(Opcodes.NEW, SB);
            method.visitInsn(Opcodes.DUP);
            awaitString(method);
            method.visitInsn(Opcodes.SWAP);
            method.visitInsn(Opcodes.SWAP);
            init(method);
        }), "swapped");
    }
}
