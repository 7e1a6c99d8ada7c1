package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Phase 5: where each value kept across a suspension lives in the frame object. A field has
 * the type of the values it keeps (a primitive, so nothing is boxed, or the reference type the
 * verifier sees there, so nothing is cast when it is loaded back: a cast costs a load of the
 * object's class and a compare at every resume). Fields are reused from one site to the next
 * by values of the same type, so a frame has, per type, as many fields as the site that keeps
 * the most values of that type, after the fields of the receiver and the parameters, which
 * hold the arguments for the whole call.
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

        /** The descriptor of the field: the value's own type, so that it is loaded back uncast. */
        String descriptor() {
            return FrameType.fieldDescriptor(type);
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
    /** The fields the frame class declares: name to descriptor, in the order they were made. */
    final Map<String, String> fields = new LinkedHashMap<>();
    /** The fields of each descriptor, in the order sites take them. */
    private final Map<String, List<String>> fieldsByDescriptor = new HashMap<>();
    /** How many fields of each kind there are so far: the next one's number in its name. */
    private final Map<Character, Integer> fieldsOfKind = new HashMap<>();

    FrameLayout(String owner, MethodNode method, List<AwaitSite> sites) {
        Map<String, Integer> parameterFields = new HashMap<>();
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
            Map<String, Integer> used = new HashMap<>(parameterFields);
            List<Kept> locals = new ArrayList<>();
            for (int local = 0; local < site.locals.size(); local++) {
                Object type = site.locals.get(local);
                char kind = FrameType.kind(type);
                if (kind == 0 || passedBack.get(local)) {
                    continue;
                }
                boolean keep = site.live.get(local) && type != Opcodes.NULL;
                locals.add(new Kept(local, type, keep ? allocate(type, used) : null));
            }
            List<Kept> stack = new ArrayList<>();
            for (Object type : FrameType.toFrameLayout(site.stackBelow())) {
                stack.add(new Kept(-1, type, type == Opcodes.NULL ? null : allocate(type, used)));
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

    private List<Kept> layOutParameters(String owner, MethodNode method, Map<String, Integer> used) {
        List<Kept> kept = new ArrayList<>();
        int local = 0;
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            kept.add(new Kept(local++, owner, allocate(owner, used)));
        }
        for (Type argument : Type.getArgumentTypes(method.desc)) {
            Object type = verifierType(argument);
            kept.add(new Kept(local, type, allocate(type, used)));
            local += argument.getSize();
        }
        return kept;
    }

    /**
     * A field for a value of verifier type {@code type} at a site whose fields so far are
     * counted in {@code used}: the next one of its type that the site has not taken, made if
     * there is none yet. Fields are shared only by values of one type, so none needs a cast
     * when it is loaded back.
     */
    private String allocate(Object type, Map<String, Integer> used) {
        String descriptor = FrameType.fieldDescriptor(type);
        int index = used.merge(descriptor, 1, Integer::sum) - 1;
        List<String> ofType = fieldsByDescriptor.computeIfAbsent(descriptor, d -> new ArrayList<>());
        if (index == ofType.size()) {
            char kind = FrameType.kind(type);
            String name = Character.toLowerCase(kind) + Integer.toString(fieldsOfKind.merge(kind, 1, Integer::sum) - 1);
            ofType.add(name);
            fields.put(name, descriptor);
        }
        return ofType.get(index);
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
