package io.jasyncio.processor.transform;

import org.objectweb.asm.tree.AbstractInsnNode;

/**
 * Steps through a method's instruction list past the nodes that are not instructions (labels,
 * line numbers, frames), for the passes that look at an instruction's neighbours.
 */
final class Instructions {
    private Instructions() {}

    /** The instruction after {@code insn}; null at the end. */
    static AbstractInsnNode next(AbstractInsnNode insn) {
        AbstractInsnNode next = insn.getNext();
        while (next != null && next.getOpcode() < 0) {
            next = next.getNext();
        }
        return next;
    }

    /** The instruction before {@code insn}; null at the start. */
    static AbstractInsnNode previous(AbstractInsnNode insn) {
        AbstractInsnNode previous = insn.getPrevious();
        while (previous != null && previous.getOpcode() < 0) {
            previous = previous.getPrevious();
        }
        return previous;
    }

    /**
     * The instruction before {@code insn} in straight-line code: past line numbers and frames,
     * but null at a label, where a jump may land between the two.
     */
    static AbstractInsnNode previousInBlock(AbstractInsnNode insn) {
        AbstractInsnNode previous = insn.getPrevious();
        while (previous != null && previous.getOpcode() < 0) {
            if (previous.getType() == AbstractInsnNode.LABEL) {
                return null;
            }
            previous = previous.getPrevious();
        }
        return previous;
    }
}
