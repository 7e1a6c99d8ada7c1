package io.jasyncio.processor.transform;

import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Phase 3: which locals each {@link AwaitSite} must keep. A local is kept if its current value
 * may be read after the site, either on the normal path or by an exception handler covering
 * it (a resumed await can throw). Only those are spilled into the frame.
 *
 * <p>A standard backward dataflow over the method's {@link ControlFlowEdges}.
 */
final class LivenessAnalysis {
    private LivenessAnalysis() {}

    static void computeLiveLocals(String owner, MethodNode method, List<AwaitSite> sites) throws TransformException {
        int size = method.instructions.size();
        ControlFlowEdges edges = ControlFlowEdges.of(owner, method);
        List<List<Integer>> normal = edges.normal;
        List<List<Integer>> exceptional = edges.exceptional;

        BitSet[] liveIn = new BitSet[size];
        for (int i = 0; i < size; i++) {
            liveIn[i] = new BitSet();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = size - 1; i >= 0; i--) {
                BitSet in = liveOut(i, normal, liveIn);
                AbstractInsnNode insn = method.instructions.get(i);
                killAndUse(insn, in);
                for (int handler : exceptional.get(i)) {
                    in.or(liveIn[handler]);
                }
                if (!in.equals(liveIn[i])) {
                    liveIn[i] = in;
                    changed = true;
                }
            }
        }
        for (AwaitSite site : sites) {
            int index = method.instructions.indexOf(site.instruction);
            BitSet live = liveOut(index, normal, liveIn);
            for (int handler : exceptional.get(index)) {
                live.or(liveIn[handler]);
            }
            site.live = live;
        }
    }

    private static BitSet liveOut(int insn, List<List<Integer>> normal, BitSet[] liveIn) {
        BitSet out = new BitSet();
        for (int successor : normal.get(insn)) {
            out.or(liveIn[successor]);
        }
        return out;
    }

    /** live-in = (live-out minus what the instruction writes) plus what it reads. */
    private static void killAndUse(AbstractInsnNode insn, BitSet live) {
        if (insn instanceof VarInsnNode var) {
            int opcode = var.getOpcode();
            if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
                live.clear(var.var);
            } else {
                live.set(var.var);
            }
        } else if (insn instanceof IincInsnNode iinc) {
            live.set(iinc.var);
        }
    }
}
