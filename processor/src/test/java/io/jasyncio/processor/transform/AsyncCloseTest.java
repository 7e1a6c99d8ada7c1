package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * {@link AsyncClose} on methods built by hand in javac's shapes for try-with-resources: the
 * close at the end of the block, the close in the handler that has stored the exception, and
 * closes it must leave alone (another line, another class).
 */
class AsyncCloseTest {
    private static final String RESOURCE = "test/Resource";

    private static AsyncCloseSites sites() {
        AsyncCloseSites sites = new AsyncCloseSites();
        sites.add(10, 12, "test.Resource");
        return sites;
    }

    private static void line(InsnList code, int line) {
        LabelNode label = new LabelNode();
        code.add(label);
        code.add(new LineNumberNode(line, label));
    }

    private static MethodInsnNode close(String owner) {
        return new MethodInsnNode(Opcodes.INVOKEVIRTUAL, owner, "close", "()V", false);
    }

    /** The instructions, each as its opcode's name, and for calls its owner, name and descriptor. */
    private static List<String> code(MethodNode method) {
        List<String> out = new ArrayList<>();
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof MethodInsnNode call) {
                out.add(call.owner + "." + call.name + call.desc);
            } else if (insn.getOpcode() >= 0) {
                out.add(org.objectweb.asm.util.Printer.OPCODES[insn.getOpcode()]
                        + (insn instanceof VarInsnNode var ? " " + var.var : ""));
            }
        }
        return out;
    }

    @Test
    void theCloseAtTheEndOfTheBlockBecomesAnAwaitOfAclose() {
        MethodNode method = MethodBuilder.staticCoroutine("L" + RESOURCE + ";").build(2, 1);
        line(method.instructions, 12);
        method.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        method.instructions.add(close(RESOURCE));

        assertTrue(AsyncClose.hasSites(method, sites()));
        AsyncClose.apply(method, sites());

        assertEquals(List.of("ALOAD 0", "CHECKCAST", "io/jasyncio/AsyncCloseable.aclose()Lio/jasyncio/Awaitable;",
                "io/jasyncio/Asyncio.await(Lio/jasyncio/Awaitable;)Ljava/lang/Object;", "POP"), code(method));
    }

    @Test
    void inTheHandlerTheStoredExceptionGoesToAclose() {
        MethodNode method = MethodBuilder.staticCoroutine("L" + RESOURCE + ";").build(3, 2);
        InsnList code = method.instructions;
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        code.add(start);
        code.add(new InsnNode(Opcodes.NOP));
        code.add(end);
        code.add(handler);
        line(code, 10);
        code.add(new VarInsnNode(Opcodes.ASTORE, 1));
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        code.add(close(RESOURCE));
        code.add(new VarInsnNode(Opcodes.ALOAD, 1));
        code.add(new InsnNode(Opcodes.ATHROW));
        method.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, "java/lang/Throwable"));

        AsyncClose.apply(method, sites());

        assertEquals(List.of("NOP", "ASTORE 1", "ALOAD 0", "CHECKCAST", "ALOAD 1",
                "io/jasyncio/AsyncCloseable.aclose(Ljava/lang/Throwable;)Lio/jasyncio/Awaitable;",
                "io/jasyncio/Asyncio.await(Lio/jasyncio/Awaitable;)Ljava/lang/Object;", "POP", "ALOAD 1", "ATHROW"),
                code(method));
    }

    @Test
    void aCloseOnAnotherLineOrOfAnotherClassIsLeftAlone() {
        MethodNode method = MethodBuilder.staticCoroutine("L" + RESOURCE + ";Ltest/Other;").build(2, 2);
        line(method.instructions, 11);
        method.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        method.instructions.add(close(RESOURCE));
        line(method.instructions, 12);
        method.instructions.add(new VarInsnNode(Opcodes.ALOAD, 1));
        method.instructions.add(close("test/Other"));
        List<String> before = code(method);

        assertFalse(AsyncClose.hasSites(method, sites()));
        AsyncClose.apply(method, sites());
        AsyncClose.apply(method, AsyncCloseSites.NONE);

        assertEquals(before, code(method));
    }
}
