package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/**
 * Phase 3: where each value kept across a suspension lives in the frame object. Fields are
 * typed by kind (int, long, float, double, Object: no boxing) and reused from one site to the
 * next, so a frame has, per kind, as many fields as the site that keeps the most values of
 * that kind. The method's parameters are the values kept at the start (label 0).
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
    final Map<AwaitSite, SiteLayout> sites = new HashMap<>();
    /** How many fields of each kind the frame class declares. */
    final Map<Character, Integer> fieldCounts = new HashMap<>();

    FrameLayout(String owner, MethodNode method, List<AwaitSite> sites) {
        this.parameters = layOutParameters(owner, method);
        // An instance method's receiver keeps its own field for the whole call: the body is
        // called on it at every resume, so no site may reuse that field and none saves it.
        int firstSaved = (method.access & Opcodes.ACC_STATIC) == 0 ? 1 : 0;
        for (AwaitSite site : sites) {
            Map<Character, Integer> used = new HashMap<>();
            if (firstSaved == 1) {
                used.put('A', 1);
            }
            List<Kept> locals = new ArrayList<>();
            for (int local = firstSaved; local < site.locals.size(); local++) {
                Object type = site.locals.get(local);
                char kind = FrameType.kind(type);
                if (kind == 0) {
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

    private List<Kept> layOutParameters(String owner, MethodNode method) {
        Map<Character, Integer> used = new HashMap<>();
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
