package io.jasyncio.processor.transform;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The first phase, before any other: each {@code close()} that the compiler wrote for a
 * try-with-resources block on an {@code AsyncCloseable} ({@link AsyncCloseSites} says where)
 * becomes {@code await(resource.aclose())}, so the later phases rewrite it as any await. On the
 * exits by an exception, the compiler's handler holds the exception in a local at the close;
 * there it becomes {@code await(resource.aclose(exception))}, asyncio's {@code __aexit__} with
 * the exception. The compiler's own code around the calls (the null checks, the handler that
 * adds a failing close's exception to the suppressed ones) is left as it is, so Java's rules
 * for suppressed exceptions hold.
 */
final class AsyncClose {
    private static final String ASYNC_CLOSEABLE = "io/jasyncio/AsyncCloseable";
    private static final String ACLOSE = "aclose";
    private static final String ACLOSE_PLAIN = "()Lio/jasyncio/Awaitable;";
    private static final String ACLOSE_FAILURE = "(Ljava/lang/Throwable;)Lio/jasyncio/Awaitable;";
    /** How far back from a close to look for the handler's store of the exception. */
    private static final int HANDLER_LOOKBACK = 6;

    private AsyncClose() {}

    /** Whether {@code method} has a close that {@link #apply} would turn into an await. */
    static boolean hasSites(MethodNode method, AsyncCloseSites sites) {
        return !sites.closesIn(method).isEmpty();
    }

    /** Turns every such close of {@code method} into an await of {@code aclose}. */
    static void apply(MethodNode method, AsyncCloseSites sites) {
        Map<MethodInsnNode, Integer> closes = sites.closesIn(method);
        if (closes.isEmpty()) {
            return;
        }
        Set<LabelNode> handlers = new HashSet<>();
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            handlers.add(block.handler);
        }
        for (Map.Entry<MethodInsnNode, Integer> site : closes.entrySet()) {
            MethodInsnNode close = site.getKey();
            int failure = site.getValue() != null ? site.getValue() : failureLocal(close, handlers);
            InsnList await = new InsnList();
            await.add(new TypeInsnNode(Opcodes.CHECKCAST, ASYNC_CLOSEABLE));
            if (failure >= 0) {
                await.add(new VarInsnNode(Opcodes.ALOAD, failure));
                await.add(new MethodInsnNode(Opcodes.INVOKEINTERFACE, ASYNC_CLOSEABLE, ACLOSE, ACLOSE_FAILURE, true));
            } else {
                await.add(new MethodInsnNode(Opcodes.INVOKEINTERFACE, ASYNC_CLOSEABLE, ACLOSE, ACLOSE_PLAIN, true));
            }
            await.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeNames.ASYNCIO, RuntimeNames.AWAIT,
                    RuntimeNames.AWAIT_AWAITABLE, false));
            await.add(new InsnNode(Opcodes.POP));
            method.instructions.insertBefore(close, await);
            method.instructions.remove(close);
        }
    }

    /**
     * The local holding the exception when {@code close} is in a handler's first instructions
     * (javac's and ECJ's {@code astore t; [aload r; ifnull; ] aload r; close}), else -1.
     */
    private static int failureLocal(AbstractInsnNode close, Set<LabelNode> handlers) {
        int seen = 0;
        for (AbstractInsnNode insn = close.getPrevious(); insn != null && seen < HANDLER_LOOKBACK; insn = insn.getPrevious()) {
            if (insn instanceof LineNumberNode || insn instanceof FrameNode || insn instanceof LabelNode) {
                continue;
            }
            seen++;
            if (insn.getOpcode() == Opcodes.ASTORE) {
                // the store must be the handler's first instruction: only labels, lines and frames before it
                for (AbstractInsnNode before = insn.getPrevious();
                        before instanceof LabelNode || before instanceof LineNumberNode || before instanceof FrameNode;
                        before = before.getPrevious()) {
                    if (before instanceof LabelNode label && handlers.contains(label)) {
                        return ((VarInsnNode) insn).var;
                    }
                }
                return -1;
            }
            if (insn.getOpcode() != Opcodes.ALOAD && !(insn instanceof JumpInsnNode jump && jump.getOpcode() == Opcodes.IFNULL)) {
                return -1;
            }
        }
        return -1;
    }
}
