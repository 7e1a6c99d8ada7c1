package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/** {@link BackwardJumps} on instruction lists built by hand. */
class BackwardJumpsTest {

    @Test
    void straightLineCodeAndForwardJumpsAreNoLoop() {
        LabelNode after = new LabelNode();
        InsnList code = new InsnList();
        code.add(new VarInsnNode(Opcodes.ILOAD, 0));
        code.add(new JumpInsnNode(Opcodes.IFEQ, after)); // an if: forward only
        code.add(new InsnNode(Opcodes.NOP));
        code.add(after);
        code.add(new InsnNode(Opcodes.RETURN));

        assertFalse(BackwardJumps.any(code));
    }

    @Test
    void aConditionalJumpBackIsALoop() {
        LabelNode head = new LabelNode();
        InsnList code = new InsnList();
        code.add(head);
        code.add(new VarInsnNode(Opcodes.ILOAD, 0));
        code.add(new JumpInsnNode(Opcodes.IFNE, head)); // do { } while (x)
        code.add(new InsnNode(Opcodes.RETURN));

        assertTrue(BackwardJumps.any(code));
    }

    @Test
    void aGotoToItselfIsALoop() {
        LabelNode self = new LabelNode();
        InsnList code = new InsnList();
        code.add(self);
        code.add(new JumpInsnNode(Opcodes.GOTO, self)); // while (true) { }

        assertTrue(BackwardJumps.any(code));
    }

    @Test
    void aSwitchWithACaseBackIsALoopAndOneGoingForwardIsNot() {
        LabelNode head = new LabelNode();
        LabelNode one = new LabelNode();
        LabelNode end = new LabelNode();
        InsnList back = new InsnList();
        back.add(head);
        back.add(new VarInsnNode(Opcodes.ILOAD, 0));
        back.add(new TableSwitchInsnNode(0, 0, end, head));
        back.add(end);
        back.add(new InsnNode(Opcodes.RETURN));
        assertTrue(BackwardJumps.any(back));

        InsnList forward = new InsnList();
        forward.add(new VarInsnNode(Opcodes.ILOAD, 0));
        forward.add(new LookupSwitchInsnNode(end, new int[] {1}, new LabelNode[] {one}));
        forward.add(one);
        forward.add(new InsnNode(Opcodes.NOP));
        forward.add(end);
        forward.add(new InsnNode(Opcodes.RETURN));
        assertFalse(BackwardJumps.any(forward));
    }
}
