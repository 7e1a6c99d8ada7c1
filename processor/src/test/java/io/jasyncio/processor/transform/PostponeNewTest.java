package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.Printer;

/**
 * {@link PostponeNew} on methods built by hand: {@code new StringBuilder(await(f))} in
 * javac's plain form, in javac's form with the object spilled to locals (a switch with a try
 * among the arguments), and in a form it must leave alone.
 */
class PostponeNewTest {
    private static final String SB = "java/lang/StringBuilder";

    private static MethodBuilder awaitedString(MethodBuilder builder) {
        return builder.var(Opcodes.ALOAD, 0).await().type(Opcodes.CHECKCAST, "java/lang/String");
    }

    private static MethodBuilder init(MethodBuilder builder) {
        return builder.invoke(Opcodes.INVOKESPECIAL, SB, "<init>", "(Ljava/lang/String;)V");
    }

    /** The opcodes of the method, by name, pseudo-instructions left out. */
    private static List<String> opcodes(MethodNode method) {
        List<String> names = new ArrayList<>();
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() >= 0) {
                names.add(Printer.OPCODES[insn.getOpcode()]);
            }
        }
        return names;
    }

    @Test
    void theAllocationMovesPastTheAwaitWithTheArgumentsParkedInLocals() {
        MethodNode method = init(awaitedString(MethodBuilder.staticCoroutine("Lio/jasyncio/Future;")
                .type(Opcodes.NEW, SB).insn(Opcodes.DUP)))
                .returnResult()
                .build(4, 1);

        PostponeNew.apply(MethodBuilder.OWNER, method);

        assertEquals(List.of("ALOAD", "INVOKESTATIC", "CHECKCAST", "ASTORE", "NEW", "DUP", "ALOAD", "INVOKESPECIAL",
                "INVOKESTATIC", "ARETURN"), opcodes(method));
        assertEquals(2, method.maxLocals, "one local for the parked argument");
    }

    @Test
    void javacsSpillOfTheObjectToLocalsGoesWithTheAllocation() {
        MethodNode method = init(awaitedString(MethodBuilder.staticCoroutine("Lio/jasyncio/Future;")
                .type(Opcodes.NEW, SB).insn(Opcodes.DUP)
                .var(Opcodes.ASTORE, 2).var(Opcodes.ASTORE, 1))
                .var(Opcodes.ASTORE, 3)
                .var(Opcodes.ALOAD, 1).var(Opcodes.ALOAD, 2).var(Opcodes.ALOAD, 3))
                .returnResult()
                .build(4, 4);

        PostponeNew.apply(MethodBuilder.OWNER, method);

        assertEquals(List.of("ALOAD", "INVOKESTATIC", "CHECKCAST", "ASTORE", "ALOAD", "ASTORE", "NEW", "DUP", "ALOAD",
                "INVOKESPECIAL", "INVOKESTATIC", "ARETURN"), opcodes(method));
    }

    @Test
    void aThirdCopyOfTheObjectLeavesTheMethodAsItIs() {
        MethodNode method = init(awaitedString(MethodBuilder.staticCoroutine("Lio/jasyncio/Future;")
                .type(Opcodes.NEW, SB).insn(Opcodes.DUP).insn(Opcodes.DUP)))
                .insn(Opcodes.POP)
                .returnResult()
                .build(5, 1);
        List<String> before = opcodes(method);

        PostponeNew.apply(MethodBuilder.OWNER, method);

        assertEquals(before, opcodes(method), "refused later by the await site analysis, with a message");
    }
}
