package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Phase 0: moves the {@code NEW C; DUP} of a constructor call whose arguments contain an
 * await to just before its {@code INVOKESPECIAL C.<init>}, so that no uninitialized object is
 * on the operand stack at the await (the verifier forbids storing one anywhere, so it could
 * not be kept across a suspension). The arguments, already evaluated, are parked in fresh
 * locals while the object is allocated:
 *
 * <pre>
 * NEW C; DUP; a; await(x); INVOKESPECIAL C.&lt;init&gt;(A, X)
 *   becomes
 * a; await(x); XSTORE t1; ASTORE t0; NEW C; DUP; ALOAD t0; XLOAD t1; INVOKESPECIAL C.&lt;init&gt;(A, X)
 * </pre>
 *
 * The only observable difference is that class {@code C} is initialized after the arguments
 * are evaluated instead of before, as with Kotlin's suspending constructor arguments. javac's
 * stack map frames between the two points lose the uninitialized entries.
 */
final class PostponeNew {
    private PostponeNew() {}

    static void apply(MethodNode method) {
        List<TypeInsnNode> news = new ArrayList<>();
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() == Opcodes.NEW) {
                news.add((TypeInsnNode) insn);
            }
        }
        for (TypeInsnNode allocation : news) {
            AbstractInsnNode dup = nextReal(allocation);
            MethodInsnNode init = matchingInit(allocation);
            if (dup != null && dup.getOpcode() == Opcodes.DUP && init != null && awaitsBetween(dup, init)) {
                postpone(method, allocation, dup, init);
            }
        }
    }

    private static void postpone(MethodNode method, TypeInsnNode allocation, AbstractInsnNode dup, MethodInsnNode init) {
        LabelNode uninitialized = labelOf(allocation);
        for (AbstractInsnNode insn = dup.getNext(); insn != init; insn = insn.getNext()) {
            if (insn instanceof FrameNode frame && frame.stack != null && uninitialized != null) {
                List<Object> stack = new ArrayList<>(frame.stack);
                stack.removeIf(type -> type == uninitialized);
                frame.stack = stack;
            }
        }
        InsnList code = method.instructions;
        code.remove(allocation);
        code.remove(dup);

        Type[] arguments = Type.getArgumentTypes(init.desc);
        int[] locals = new int[arguments.length];
        int next = method.maxLocals;
        for (int i = 0; i < arguments.length; i++) {
            locals[i] = next;
            next += arguments[i].getSize();
        }
        method.maxLocals = next;
        InsnList reordered = new InsnList();
        for (int i = arguments.length - 1; i >= 0; i--) {
            reordered.add(new VarInsnNode(arguments[i].getOpcode(Opcodes.ISTORE), locals[i]));
        }
        reordered.add(new TypeInsnNode(Opcodes.NEW, allocation.desc));
        reordered.add(new InsnNode(Opcodes.DUP));
        for (int i = 0; i < arguments.length; i++) {
            reordered.add(new VarInsnNode(arguments[i].getOpcode(Opcodes.ILOAD), locals[i]));
        }
        code.insertBefore(init, reordered);
    }

    /** The {@code INVOKESPECIAL <init>} that consumes this {@code NEW}, counting nested ones. */
    private static MethodInsnNode matchingInit(TypeInsnNode allocation) {
        int depth = 0;
        for (AbstractInsnNode insn = allocation.getNext(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() == Opcodes.NEW) {
                depth++;
            } else if (insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESPECIAL
                    && call.name.equals("<init>")) {
                if (depth == 0) {
                    return call.owner.equals(allocation.desc) ? call : null;
                }
                depth--;
            }
        }
        return null;
    }

    private static boolean awaitsBetween(AbstractInsnNode from, AbstractInsnNode to) {
        for (AbstractInsnNode insn = from; insn != to; insn = insn.getNext()) {
            if (insn instanceof MethodInsnNode call && RuntimeNames.isAwait(call.owner, call.name, call.desc)) {
                return true;
            }
        }
        return false;
    }

    /** The label javac's frames use for the object this {@code NEW} creates, if any. */
    private static LabelNode labelOf(AbstractInsnNode allocation) {
        for (AbstractInsnNode insn = allocation.getPrevious(); insn != null && insn.getOpcode() < 0;
                insn = insn.getPrevious()) {
            if (insn instanceof LabelNode label) {
                return label;
            }
        }
        return null;
    }

    private static AbstractInsnNode nextReal(AbstractInsnNode insn) {
        AbstractInsnNode next = insn.getNext();
        while (next != null && next.getOpcode() < 0) {
            next = next.getNext();
        }
        return next;
    }
}
