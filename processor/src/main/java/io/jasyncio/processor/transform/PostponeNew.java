package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.AnalyzerAdapter;
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
 * Phase 1: moves the {@code NEW C; DUP} of a constructor call whose arguments contain an
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

    static void apply(String owner, MethodNode method) {
        List<TypeInsnNode> news = new ArrayList<>();
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() == Opcodes.NEW) {
                news.add((TypeInsnNode) insn);
            }
        }
        for (TypeInsnNode allocation : news) {
            AbstractInsnNode dup = Instructions.next(allocation);
            MethodInsnNode init = matchingInit(allocation);
            if (dup != null && dup.getOpcode() == Opcodes.DUP && init != null && awaitsBetween(dup, init)) {
                List<AbstractInsnNode> moves = movesOfTheObject(owner, method, dup, init);
                if (moves != null) {
                    postpone(method, allocation, dup, init, moves);
                }
            }
        }
    }

    private static void postpone(MethodNode method, TypeInsnNode allocation, AbstractInsnNode dup,
                                 MethodInsnNode init, List<AbstractInsnNode> moves) {
        LabelNode uninitialized = labelOf(allocation);
        for (AbstractInsnNode insn = dup.getNext(); insn != init; insn = insn.getNext()) {
            if (insn instanceof FrameNode frame && uninitialized != null) {
                if (frame.stack != null) {
                    List<Object> stack = new ArrayList<>(frame.stack);
                    stack.removeIf(type -> type == uninitialized);
                    frame.stack = stack;
                }
                if (frame.local != null) {
                    List<Object> locals = new ArrayList<>(frame.local);
                    locals.replaceAll(type -> type == uninitialized ? Opcodes.TOP : type);
                    frame.local = locals;
                }
            }
        }
        InsnList code = method.instructions;
        code.remove(allocation);
        code.remove(dup);
        moves.forEach(code::remove);

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

    /**
     * The stores and loads that move the new object between the stack and locals before its
     * constructor runs. javac makes them when it spills the operand stack around a switch
     * expression containing a try (so {@code new X(switch (k) { case 1 -> { try {...} finally
     * {...} yield await(f); } ... })}); they go with the {@code NEW} and {@code DUP}, since
     * every copy they moved is one the postponed {@code NEW; DUP} pushes again. Found by
     * replaying javac's frames up to {@code init}.
     *
     * <p>Null when the object is handled any other way: copied again, swapped, popped, or not
     * exactly the two copies right under the arguments when the constructor is called (shapes
     * other compilers and tools make). Then nothing moves, the object stays on the stack at the
     * await, and the await site analysis refuses the method with a message saying so.
     */
    private static List<AbstractInsnNode> movesOfTheObject(String owner, MethodNode method, AbstractInsnNode dup,
                                                           MethodInsnNode init) {
        AnalyzerAdapter types = new AnalyzerAdapter(owner, method.access, method.name, method.desc, null);
        List<AbstractInsnNode> moves = new ArrayList<>();
        Object object = null;
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != init; insn = insn.getNext()) {
            if (insn == null) {
                return null;
            }
            if (object != null && types.stack != null) { // null after a jump, until the next frame
                int top = types.stack.size() - 1;
                if (insn.getOpcode() == Opcodes.ASTORE && types.stack.get(top) == object) {
                    moves.add(insn);
                } else if (insn.getOpcode() == Opcodes.ALOAD && types.locals.get(((VarInsnNode) insn).var) == object) {
                    moves.add(insn);
                } else if (touchesTop(insn.getOpcode(), types.stack, object)) {
                    return null;
                }
            }
            insn.accept(types);
            if (insn == dup && types.stack != null) {
                object = types.stack.get(types.stack.size() - 1);
            }
        }
        return object != null && types.stack != null && twoCopiesUnderArguments(types.stack, object, init) ? moves : null;
    }

    /** Whether a stack-shuffling instruction would move or drop {@code object}. */
    private static boolean touchesTop(int opcode, List<Object> stack, Object object) {
        int reach = switch (opcode) {
            case Opcodes.POP, Opcodes.DUP -> 1;
            case Opcodes.POP2, Opcodes.DUP_X1, Opcodes.DUP2, Opcodes.SWAP -> 2;
            case Opcodes.DUP_X2, Opcodes.DUP2_X1 -> 3;
            case Opcodes.DUP2_X2 -> 4;
            default -> 0;
        };
        for (int i = Math.max(0, stack.size() - reach); i < stack.size(); i++) {
            if (stack.get(i) == object) {
                return true;
            }
        }
        return false;
    }

    /** At the constructor call: {@code object} twice right under the arguments, and nowhere else on the stack. */
    private static boolean twoCopiesUnderArguments(List<Object> stack, Object object, MethodInsnNode init) {
        int argumentSlots = 0;
        for (Type argument : Type.getArgumentTypes(init.desc)) {
            argumentSlots += argument.getSize();
        }
        int receiver = stack.size() - argumentSlots - 1;
        if (receiver < 1 || stack.get(receiver) != object || stack.get(receiver - 1) != object) {
            return false;
        }
        return stack.stream().filter(type -> type == object).count() == 2;
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
}
