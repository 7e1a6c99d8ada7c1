package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Phase 5: where each value kept across a suspension lives in the frame object. Fields are
 * typed by kind (int, long, float, double, Object: no boxing) and reused from one site to the
 * next, so a frame has, per kind, as many fields as the site that keeps the most values of
 * that kind, after the fields of the receiver and the parameters, which hold the arguments for
 * the whole call.
 */
final class FrameLayout {

    /**
     * A value to save and restore: a local ({@code local >= 0}) or a stack entry
     * ({@code local == -1}) of verifier type {@code type}, kept in {@code field}; a null field
     * means it is not kept but re-created as a constant (a dead local, or the null type).
     */
    record Kept(int local, Object type, String field) {
        char kind() {
            return FrameType.kind(type);
        }
    }

    /** What one site keeps: its locals, then its operand stack bottom to top. */
    record SiteLayout(List<Kept> locals, List<Kept> stack) {}

    final List<Kept> parameters;
    /** The local slots of the receiver and the parameters: the body's own arguments. */
    final int parameterSlots;
    /**
     * The receiver and the parameters the method never assigns: the frame passes them to the
     * body as arguments at every resume, so no site saves them and they always hold their
     * true value.
     */
    final BitSet passedBack = new BitSet();
    final Map<AwaitSite, SiteLayout> sites = new HashMap<>();
    /** How many fields of each kind the frame class declares. */
    final Map<Character, Integer> fieldCounts = new HashMap<>();

    FrameLayout(String owner, MethodNode method, List<AwaitSite> sites) {
        Map<Character, Integer> parameterFields = new HashMap<>();
        this.parameters = layOutParameters(owner, method, parameterFields);
        this.parameterSlots = (Type.getArgumentsAndReturnSizes(method.desc) >> 2)
                - ((method.access & Opcodes.ACC_STATIC) != 0 ? 1 : 0);
        BitSet assigned = assignedLocals(method);
        for (Kept parameter : parameters) {
            if (!assigned.get(parameter.local())) {
                passedBack.set(parameter.local());
            }
        }
        // The parameters' fields hold the arguments for the whole call (the frame passes them
        // at every resume): no site reuses them.
        for (AwaitSite site : sites) {
            Map<Character, Integer> used = new HashMap<>(parameterFields);
            List<Kept> locals = new ArrayList<>();
            for (int local = 0; local < site.locals.size(); local++) {
                Object type = site.locals.get(local);
                char kind = FrameType.kind(type);
                if (kind == 0 || passedBack.get(local)) {
                    continue;
                }
                boolean keep = site.live.get(local) && type != Opcodes.NULL;
                locals.add(new Kept(local, type, keep ? allocate(kind, used) : null));
            }
            List<Kept> stack = new ArrayList<>();
            for (Object type : FrameType.toFrameLayout(site.stackBelow())) {
                stack.add(new Kept(-1, type, type == Opcodes.NULL ? null : allocate(FrameType.kind(type), used)));
            }
            this.sites.put(site, new SiteLayout(locals, stack));
        }
    }

    /** The local slots some instruction of {@code method} stores to. */
    private static BitSet assignedLocals(MethodNode method) {
        BitSet assigned = new BitSet();
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof VarInsnNode var && var.getOpcode() >= Opcodes.ISTORE && var.getOpcode() <= Opcodes.ASTORE) {
                assigned.set(var.var);
            } else if (insn instanceof IincInsnNode iinc) {
                assigned.set(iinc.var);
            }
        }
        return assigned;
    }

    private List<Kept> layOutParameters(String owner, MethodNode method, Map<Character, Integer> used) {
        List<Kept> kept = new ArrayList<>();
        int local = 0;
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            kept.add(new Kept(local++, owner, allocate('A', used)));
        }
        for (Type argument : Type.getArgumentTypes(method.desc)) {
            Object type = verifierType(argument);
            kept.add(new Kept(local, type, allocate(FrameType.kind(type), used)));
            local += argument.getSize();
        }
        return kept;
    }

    private String allocate(char kind, Map<Character, Integer> used) {
        int index = used.merge(kind, 1, Integer::sum) - 1;
        fieldCounts.merge(kind, index + 1, Math::max);
        return fieldName(kind, index);
    }

    static String fieldName(char kind, int index) {
        return Character.toLowerCase(kind) + Integer.toString(index);
    }

    static Object verifierType(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
            case Type.LONG -> Opcodes.LONG;
            case Type.FLOAT -> Opcodes.FLOAT;
            case Type.DOUBLE -> Opcodes.DOUBLE;
            default -> type.getInternalName();
        };
    }
}
