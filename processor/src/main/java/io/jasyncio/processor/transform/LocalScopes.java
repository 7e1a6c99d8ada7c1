package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Phase 6: keeps the debugger truthful. A local that an await site does not keep (it is dead
 * there, so nothing saves it) holds a stand-in default after a real suspension, until the
 * method stores to it again. Left in the local variable table, it would be shown with that
 * default. This phase cuts such stretches out of the local's table entries, splitting an entry
 * where needed, so a debugger lists the variable only where it holds its true value.
 *
 * <p>A forward "may hold a stand-in" dataflow over the original instructions: an await site
 * adds the locals it does not keep (from the site on, since the rewritten await's own code
 * stands there), a store removes its local, and control-flow and exception edges merge by
 * union. It works on the method before {@link MethodRewriter} moves it: the labels it adds
 * travel with the instructions into the body.
 */
final class LocalScopes {
    private LocalScopes() {}

    static void trim(String owner, MethodNode method, List<AwaitSite> sites, FrameLayout layout)
            throws TransformException {
        if (method.localVariables == null || method.localVariables.isEmpty() || sites.isEmpty()) {
            return;
        }
        InsnList code = method.instructions;
        int size = code.size();
        Map<AbstractInsnNode, BitSet> dropped = new IdentityHashMap<>();
        for (AwaitSite site : sites) {
            dropped.put(site.instruction, notKept(site, layout.sites.get(site), layout, method));
        }
        ControlFlowEdges edges = ControlFlowEdges.of(owner, method);
        List<List<Integer>> normal = edges.normal;
        List<List<Integer>> exceptional = edges.exceptional;

        BitSet[] before = new BitSet[size];
        boolean[] reached = new boolean[size];
        for (int i = 0; i < size; i++) {
            before[i] = new BitSet();
        }
        reached[0] = true;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < size; i++) {
                if (!reached[i]) {
                    continue;
                }
                AbstractInsnNode insn = code.get(i);
                BitSet after = (BitSet) before[i].clone();
                BitSet lost = dropped.get(insn);
                if (lost != null) {
                    after.or(lost);
                }
                if (insn instanceof VarInsnNode var && isStore(var.getOpcode())) {
                    after.clear(var.var);
                    if (var.getOpcode() == Opcodes.LSTORE || var.getOpcode() == Opcodes.DSTORE) {
                        after.clear(var.var + 1);
                    }
                }
                for (int edge = 0; edge < 2; edge++) {
                    for (int next : (edge == 0 ? normal : exceptional).get(i)) {
                        BitSet merged = (BitSet) before[next].clone();
                        merged.or(after);
                        if (edge == 1) {
                            merged.or(before[i]);  // a throw can leave before the instruction's effect
                        }
                        if (!reached[next] || !merged.equals(before[next])) {
                            reached[next] = true;
                            before[next] = merged;
                            changed = true;
                        }
                    }
                }
            }
        }

        // Find every visible run first, by instruction, and only then add labels: a label
        // inserted earlier would shift the indices the dataflow's results are read by.
        List<Object[]> runs = new ArrayList<>();
        for (LocalVariableNode variable : method.localVariables) {
            split(code, variable, before, dropped, runs);
        }
        List<LocalVariableNode> trimmed = new ArrayList<>();
        for (Object[] run : runs) {
            LocalVariableNode variable = (LocalVariableNode) run[0];
            trimmed.add(new LocalVariableNode(variable.name, variable.desc, variable.signature,
                    labelBefore(code, (AbstractInsnNode) run[1]), labelBefore(code, (AbstractInsnNode) run[2]),
                    variable.index));
        }
        method.localVariables = trimmed;
    }

    /** The locals a site does not keep: all but those it saves and the arguments passed back at every resume. */
    private static BitSet notKept(AwaitSite site, FrameLayout.SiteLayout kept, FrameLayout layout, MethodNode method) {
        BitSet lost = new BitSet();
        lost.set(0, Math.max(method.maxLocals, site.locals.size()));
        lost.andNot(layout.passedBack);
        for (FrameLayout.Kept local : kept.locals()) {
            if (local.field() != null) {
                lost.clear(local.local());
                if (FrameType.isTwoWords(local.type())) {
                    lost.clear(local.local() + 1);
                }
            }
        }
        return lost;
    }

    /**
     * Adds to {@code runs} the parts of {@code variable}'s range where its slot holds its true
     * value (variable, first instruction, first instruction past the part): not after an await
     * that did not keep it until the next store, and not on that await itself.
     */
    private static void split(InsnList code, LocalVariableNode variable, BitSet[] before,
                              Map<AbstractInsnNode, BitSet> dropped, List<Object[]> runs) {
        int start = code.indexOf(variable.start);
        int end = code.indexOf(variable.end);
        AbstractInsnNode runStart = null;
        for (int i = start; i <= end; i++) {
            AbstractInsnNode insn = code.get(i);
            boolean visible = i < end && visibleAt(insn, before[i], variable.index, dropped);
            if (visible && runStart == null) {
                runStart = insn;
            } else if (!visible && runStart != null) {
                runs.add(new Object[] {variable, runStart, insn});
                runStart = null;
            }
        }
    }

    private static boolean visibleAt(AbstractInsnNode insn, BitSet before, int slot, Map<AbstractInsnNode, BitSet> dropped) {
        if (before.get(slot)) {
            return false;
        }
        BitSet lost = dropped.get(insn);
        return lost == null || !lost.get(slot);
    }

    /** {@code at} if it is a label, or the label right before it, else a new label inserted there. */
    private static LabelNode labelBefore(InsnList code, AbstractInsnNode at) {
        if (at instanceof LabelNode label) {
            return label;
        }
        if (at.getPrevious() instanceof LabelNode label) {
            return label;
        }
        LabelNode label = new LabelNode();
        code.insertBefore(at, label);
        return label;
    }

    private static boolean isStore(int opcode) {
        return opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE;
    }
}
