package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Phase 2's check of an async generator's returns, on hand-built methods: each returns what
 * {@code end()} gave, directly or through the local javac keeps it in across a finally block;
 * anything else is refused with the method named, as code the processor did not check may have.
 */
class GeneratorReturnsTest {
    private static final String GENERATOR = "()Lio/jasyncio/AsyncGenerator;";
    private static final String END = "()Lio/jasyncio/AsyncGenerator;";

    private static MethodBuilder generator() {
        return new MethodBuilder(Opcodes.ACC_STATIC, "g", GENERATOR);
    }

    private static MethodBuilder end(MethodBuilder method) {
        return method.invoke(Opcodes.INVOKESTATIC, "io/jasyncio/Asyncio", "end", END);
    }

    @Test
    void returnEndIsAccepted() {
        MethodNode method = end(generator()).insn(Opcodes.ARETURN).build(1, 0);
        assertDoesNotThrow(() -> AwaitSiteAnalysis.findSites(MethodBuilder.OWNER, method));
    }

    @Test
    void returnOfTheLocalEndWasStoredInIsAccepted() {
        MethodNode method = end(generator()).var(Opcodes.ASTORE, 0).var(Opcodes.ALOAD, 0).insn(Opcodes.ARETURN)
                .build(1, 1);
        assertDoesNotThrow(() -> AwaitSiteAnalysis.findSites(MethodBuilder.OWNER, method));
    }

    @Test
    void returnOfAnythingElseIsRefusedNamingTheMethod() {
        MethodNode method = generator().insn(Opcodes.ACONST_NULL).insn(Opcodes.ARETURN).build(1, 0);
        TransformException refused = assertThrows(TransformException.class,
                () -> AwaitSiteAnalysis.findSites(MethodBuilder.OWNER, method));
        assertEquals("g", refused.methodName());
        assertTrue(refused.getMessage().contains("returns something other than end()"), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("cannot rewrite @Async method test.Host.g: "), refused.getMessage());
    }

    @Test
    void returnOfALocalEndNeverWentIntoIsRefused() {
        MethodNode method = end(generator()).var(Opcodes.ASTORE, 0).insn(Opcodes.ACONST_NULL).var(Opcodes.ASTORE, 1)
                .var(Opcodes.ALOAD, 1).insn(Opcodes.ARETURN).build(1, 2);
        assertThrows(TransformException.class, () -> AwaitSiteAnalysis.findSites(MethodBuilder.OWNER, method));
    }
}
