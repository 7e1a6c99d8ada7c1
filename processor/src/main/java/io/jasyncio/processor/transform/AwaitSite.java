package io.jasyncio.processor.transform;

import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.tree.AbstractInsnNode;

/**
 * One place where an {@code @Async} method may suspend: a call of {@code Asyncio.await}, or a
 * {@code return} of a coroutine other than {@code result(v)}, which awaits it and completes
 * with its value. Holds the verifier types at that instruction (read off javac's own stack map
 * frames, in {@link org.objectweb.asm.commons.AnalyzerAdapter}'s layout) and which locals are
 * live across it.
 */
final class AwaitSite {
    enum Kind {
        /** {@code await(Awaitable)}. */
        AWAIT,
        /** {@code await(CompletionStage)}: wrapped in a loop future first. */
        AWAIT_STAGE,
        /** {@code return coroutine;}: awaited, then its value is the method's. */
        TAIL_RETURN
    }

    final AbstractInsnNode instruction;
    final Kind kind;
    /** Local variable types before the instruction, indexed by original local slot. */
    final List<Object> locals;
    /** Operand stack types before the instruction; the last entry is the awaited value. */
    final List<Object> stack;
    /** The resume label the frame stores; 1, 2, ... in instruction order (0 is the start). */
    final int label;
    /** The source line of the await, or -1 without line numbers. */
    final int line;
    /** Original locals whose values are read after the site, or by a handler covering it. */
    BitSet live;

    AwaitSite(AbstractInsnNode instruction, Kind kind, List<Object> locals, List<Object> stack, int label,
              int line) {
        this.instruction = instruction;
        this.kind = kind;
        this.locals = locals;
        this.stack = stack;
        this.label = label;
        this.line = line;
    }

    /** The stack below the awaited value. */
    List<Object> stackBelow() {
        return stack.subList(0, stack.size() - 1);
    }
}
