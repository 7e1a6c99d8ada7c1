package io.jasyncio.processor.transform;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Builds a method by hand for the phases' unit tests (as ASM's own tests build methods for
 * {@code AnalyzerAdapter}), with the runtime's calls spelled once: {@link #await()} and
 * {@link #returnResult()}.
 */
final class MethodBuilder {
    static final String OWNER = "test/Host";
    private final MethodNode method;
    private final InsnList code;

    MethodBuilder(int access, String name, String descriptor) {
        method = new MethodNode(access, name, descriptor, null, null);
        code = method.instructions;
    }

    /** A static {@code Coroutine} method taking {@code parameters} (descriptors, concatenated). */
    static MethodBuilder staticCoroutine(String parameters) {
        return new MethodBuilder(Opcodes.ACC_STATIC, "m", "(" + parameters + ")Lio/jasyncio/Coroutine;");
    }

    MethodBuilder insn(int opcode) {
        code.add(new InsnNode(opcode));
        return this;
    }

    MethodBuilder var(int opcode, int slot) {
        code.add(new VarInsnNode(opcode, slot));
        return this;
    }

    MethodBuilder type(int opcode, String internalName) {
        code.add(new TypeInsnNode(opcode, internalName));
        return this;
    }

    MethodBuilder ldc(Object constant) {
        code.add(new LdcInsnNode(constant));
        return this;
    }

    MethodBuilder invoke(int opcode, String owner, String name, String descriptor) {
        code.add(new MethodInsnNode(opcode, owner, name, descriptor, false));
        return this;
    }

    /** {@code Asyncio.await(Awaitable)}: pops an awaitable, pushes an Object. */
    MethodBuilder await() {
        return invoke(Opcodes.INVOKESTATIC, "io/jasyncio/Asyncio", "await", "(Lio/jasyncio/Awaitable;)Ljava/lang/Object;");
    }

    /** {@code return result(top of the stack)}. */
    MethodBuilder returnResult() {
        invoke(Opcodes.INVOKESTATIC, "io/jasyncio/Asyncio", "result", "(Ljava/lang/Object;)Lio/jasyncio/Coroutine;");
        return insn(Opcodes.ARETURN);
    }

    MethodNode build(int maxStack, int maxLocals) {
        method.maxStack = maxStack;
        method.maxLocals = maxLocals;
        return method;
    }
}
