package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The {@code close()} calls a compiler wrote for try-with-resources blocks, found in the
 * bytecode alone, for the weaver and the agent, which have no source to say where the blocks
 * are. javac and ECJ lower a block the same way in the parts that matter here:
 *
 * <ul>
 *   <li>a catch-all handler over the block's body that stores the exception, closes the
 *       resource ({@code [aload r; ifnull;] aload r; close()}) and throws;</li>
 *   <li>that close inside a range of another catch-all handler, which adds what the close threw
 *       to the suppressed exceptions ({@code Throwable.addSuppressed});</li>
 *   <li>on every other way out of the body (its end, {@code return}, {@code break},
 *       {@code continue}), {@code [aload r; ifnull;] aload r; close()} in a gap of the first
 *       handler's ranges, before the handler itself.</li>
 * </ul>
 *
 * A {@code close()} the user wrote inside the block lies within those ranges, and one after the
 * block (on a later variable in the same slot) lies past the handler: neither is taken. A
 * handler that closes without adding suppressed exceptions is the user's own code, not a
 * try-with-resources block: its closes are not taken either.
 */
final class TryWithResourcesCloses {
    /** What {@link #find} gives a close on a way out that is not by an exception. */
    static final int NO_FAILURE = -1;
    /** How far into a handler to look for its close and its {@code athrow}. */
    private static final int HANDLER_LOOKAHEAD = 24;
    /** How far into the suppressing handler to look for {@code addSuppressed}. */
    private static final int SUPPRESS_LOOKAHEAD = 16;

    private TryWithResourcesCloses() {}

    /**
     * Every close a try-with-resources block of {@code method} makes, each with the local that
     * holds the exception in flight where the close is on the way out by an exception, and
     * {@link #NO_FAILURE} where it is not.
     */
    static Map<MethodInsnNode, Integer> find(MethodNode method) {
        Map<MethodInsnNode, Integer> closes = new LinkedHashMap<>();
        if (method.tryCatchBlocks == null || method.tryCatchBlocks.isEmpty()) {
            return closes;
        }
        InsnList code = method.instructions;
        Map<LabelNode, List<TryCatchBlockNode>> rangesByHandler = new LinkedHashMap<>();
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            if (catchesAll(block)) {
                rangesByHandler.computeIfAbsent(block.handler, h -> new ArrayList<>()).add(block);
            }
        }
        for (Map.Entry<LabelNode, List<TryCatchBlockNode>> handler : rangesByHandler.entrySet()) {
            HandlerClose failureClose = handlerClose(handler.getKey());
            if (failureClose == null || !suppressed(method, failureClose.close)) {
                continue;
            }
            List<TryCatchBlockNode> ranges = handler.getValue();
            int from = Integer.MAX_VALUE;
            for (TryCatchBlockNode range : ranges) {
                from = Math.min(from, code.indexOf(range.start));
            }
            int to = code.indexOf(handler.getKey());
            for (int i = from; i < to; i++) {
                AbstractInsnNode insn = code.get(i);
                if (isCloseOf(insn, failureClose.resource, failureClose.close) && !within(code, i, ranges)) {
                    closes.put((MethodInsnNode) insn, NO_FAILURE);
                }
            }
            closes.put(failureClose.close, failureClose.failure);
        }
        return closes;
    }

    private static boolean catchesAll(TryCatchBlockNode block) {
        return block.type == null || block.type.equals("java/lang/Throwable");
    }

    /** The close a block's handler makes: of the resource in local {@code resource}, the exception in {@code failure}. */
    private record HandlerClose(MethodInsnNode close, int resource, int failure) {}

    /**
     * The close a handler makes on its way to rethrowing, or null for a handler of another
     * shape. The handler starts {@code astore}, ends {@code aload failure; athrow}, and closes
     * one resource ({@code aload r; close()}) in between: at once with javac, and with ECJ at
     * once for a statement's last resource, after adding the exception to the first one for
     * the others.
     */
    private static HandlerClose handlerClose(LabelNode handler) {
        AbstractInsnNode insn = Instructions.next(handler);
        if (insn == null || insn.getOpcode() != Opcodes.ASTORE) {
            return null;
        }
        MethodInsnNode close = null;
        for (int seen = 0; seen < HANDLER_LOOKAHEAD; seen++) {
            insn = Instructions.next(insn);
            if (insn == null) {
                return null;
            }
            if (insn.getOpcode() == Opcodes.ATHROW) {
                AbstractInsnNode thrown = Instructions.previous(insn);
                if (close == null || thrown.getOpcode() != Opcodes.ALOAD) {
                    return null;
                }
                return new HandlerClose(close, ((VarInsnNode) Instructions.previous(close)).var,
                        ((VarInsnNode) thrown).var);
            }
            if (isClose(insn)) {
                AbstractInsnNode receiver = Instructions.previous(insn);
                if (close != null || receiver.getOpcode() != Opcodes.ALOAD) {
                    return null; // two closes, or one on a computed value: not a block's
                }
                close = (MethodInsnNode) insn;
            }
        }
        return null;
    }

    /**
     * Whether a catch-all handler over {@code close} adds what the close threw to the suppressed
     * exceptions: it starts {@code astore x} and, before it throws, calls
     * {@code addSuppressed(x)}. (The handler of an enclosing block, which stores the block's own
     * exception, may reach another block's {@code addSuppressed} too, but not with its own
     * exception as the argument.)
     */
    private static boolean suppressed(MethodNode method, MethodInsnNode close) {
        InsnList code = method.instructions;
        int at = code.indexOf(close);
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            if (!catchesAll(block) || code.indexOf(block.start) > at || code.indexOf(block.end) <= at) {
                continue;
            }
            AbstractInsnNode store = Instructions.next(block.handler);
            if (store == null || store.getOpcode() != Opcodes.ASTORE) {
                continue;
            }
            int thrown = ((VarInsnNode) store).var;
            AbstractInsnNode insn = Instructions.next(store);
            for (int seen = 0; insn != null && seen < SUPPRESS_LOOKAHEAD; seen++, insn = Instructions.next(insn)) {
                if (insn instanceof MethodInsnNode call && call.owner.equals("java/lang/Throwable")
                        && call.name.equals("addSuppressed")) {
                    AbstractInsnNode argument = Instructions.previous(call);
                    if (argument.getOpcode() == Opcodes.ALOAD && ((VarInsnNode) argument).var == thrown) {
                        return true;
                    }
                }
                if (insn.getOpcode() == Opcodes.ATHROW) {
                    break;
                }
            }
        }
        return false;
    }

    /** A call of {@code close()}, on a class or an interface. */
    static boolean isClose(AbstractInsnNode insn) {
        return insn instanceof MethodInsnNode call && call.name.equals("close") && call.desc.equals("()V")
                && (call.getOpcode() == Opcodes.INVOKEVIRTUAL || call.getOpcode() == Opcodes.INVOKEINTERFACE);
    }

    /** A close of the same class as {@code model}, called on local {@code resource}. */
    private static boolean isCloseOf(AbstractInsnNode insn, int resource, MethodInsnNode model) {
        if (!isClose(insn) || !((MethodInsnNode) insn).owner.equals(model.owner)) {
            return false;
        }
        AbstractInsnNode receiver = Instructions.previous(insn);
        return receiver != null && receiver.getOpcode() == Opcodes.ALOAD && ((VarInsnNode) receiver).var == resource;
    }

    private static boolean within(InsnList code, int index, List<TryCatchBlockNode> ranges) {
        for (TryCatchBlockNode range : ranges) {
            if (code.indexOf(range.start) <= index && index < code.indexOf(range.end)) {
                return true;
            }
        }
        return false;
    }
}
