package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;

/**
 * Whether a method has a loop, told by a jump or switch to a label at or before itself: every
 * cycle through a method's code has such an edge, since straight-line code only goes forward.
 * The frame of a method with a loop asks the driver to run its first step in the method's own
 * compiled code, where a loop that runs long in one step is fastest.
 */
final class BackwardJumps {
    private BackwardJumps() {}

    static boolean any(InsnList instructions) {
        for (AbstractInsnNode insn = instructions.getFirst(); insn != null; insn = insn.getNext()) {
            int at = instructions.indexOf(insn);
            for (LabelNode target : targets(insn)) {
                if (instructions.indexOf(target) <= at) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<LabelNode> targets(AbstractInsnNode insn) {
        List<LabelNode> targets = new ArrayList<>();
        if (insn instanceof JumpInsnNode jump) {
            targets.add(jump.label);
        } else if (insn instanceof TableSwitchInsnNode table) {
            targets.add(table.dflt);
            targets.addAll(table.labels);
        } else if (insn instanceof LookupSwitchInsnNode lookup) {
            targets.add(lookup.dflt);
            targets.addAll(lookup.labels);
        }
        return targets;
    }
}
