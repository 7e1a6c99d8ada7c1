package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/** {@link BackwardJumps} on instruction lists built by hand. */
class BackwardJumpsTest {

    private static InsnList code(AbstractInsnNode... nodes) {
        InsnList code = new InsnList();
        for (AbstractInsnNode node : nodes) {
            code.add(node);
        }
        return code;
    }

    private static VarInsnNode loadInt() {
        return new VarInsnNode(Opcodes.ILOAD, 0);
    }

    private static InsnNode insn(int opcode) {
        return new InsnNode(opcode);
    }

    @Test
    void straightLineCodeAndForwardJumpsAreNoLoop() {
        LabelNode after = new LabelNode();
        // if (x) { } return;
        assertFalse(BackwardJumps.any(code(loadInt(), new JumpInsnNode(Opcodes.IFEQ, after),
                insn(Opcodes.NOP), after, insn(Opcodes.RETURN))));
    }

    @Test
    void aConditionalJumpBackIsALoop() {
        LabelNode head = new LabelNode();
        // do { } while (x); return;
        assertTrue(BackwardJumps.any(code(head, loadInt(), new JumpInsnNode(Opcodes.IFNE, head),
                insn(Opcodes.RETURN))));
    }

    @Test
    void aGotoToItselfIsALoop() {
        LabelNode self = new LabelNode();
        // while (true) { }
        assertTrue(BackwardJumps.any(code(self, new JumpInsnNode(Opcodes.GOTO, self))));
    }

    @Test
    void aSwitchWithACaseBackIsALoopAndOneGoingForwardIsNot() {
        LabelNode head = new LabelNode();
        LabelNode one = new LabelNode();
        LabelNode end = new LabelNode();
        assertTrue(BackwardJumps.any(code(head, loadInt(), new TableSwitchInsnNode(0, 0, end, head),
                end, insn(Opcodes.RETURN))));

        LabelNode forwardEnd = new LabelNode();
        assertFalse(BackwardJumps.any(code(loadInt(),
                new LookupSwitchInsnNode(forwardEnd, new int[] {1}, new LabelNode[] {one}),
                one, insn(Opcodes.NOP), forwardEnd, insn(Opcodes.RETURN))));
    }
}
