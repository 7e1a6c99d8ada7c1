package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;

/**
 * Verifier types as ASM's frames spell them (an {@code Integer} constant such as
 * {@link Opcodes#INTEGER}, an internal class name, or the {@link Label} of the {@code NEW} of
 * an uninitialized object), and what the pass does with each: which kind of slot holds it and
 * which instructions load, store and default it.
 */
final class FrameType {
    private FrameType() {}

    /** The slot kind of a type: 'I', 'J', 'F', 'D' or 'A'; 0 for TOP (nothing to keep). */
    static char kind(Object type) {
        if (type == Opcodes.INTEGER) {
            return 'I';
        } else if (type == Opcodes.LONG) {
            return 'J';
        } else if (type == Opcodes.FLOAT) {
            return 'F';
        } else if (type == Opcodes.DOUBLE) {
            return 'D';
        } else if (type == Opcodes.TOP) {
            return 0;
        }
        return 'A';
    }

    static boolean isUninitialized(Object type) {
        return type instanceof Label || type == Opcodes.UNINITIALIZED_THIS;
    }

    static boolean isTwoWords(Object type) {
        return type == Opcodes.LONG || type == Opcodes.DOUBLE;
    }

    /**
     * The descriptor of a field that holds a value of this type: the type itself, or
     * {@code Object} for what has no descriptor of its own (an uninitialized object).
     */
    static String fieldDescriptor(Object type) {
        char kind = kind(type);
        if (kind != 'A') {
            return String.valueOf(kind);
        }
        if (type instanceof String name) {
            return name.startsWith("[") ? name : "L" + name + ";";
        }
        return "Ljava/lang/Object;";
    }

    static int loadOpcode(char kind) {
        return switch (kind) {
            case 'I' -> Opcodes.ILOAD;
            case 'J' -> Opcodes.LLOAD;
            case 'F' -> Opcodes.FLOAD;
            case 'D' -> Opcodes.DLOAD;
            default -> Opcodes.ALOAD;
        };
    }

    static int storeOpcode(char kind) {
        return loadOpcode(kind) + (Opcodes.ISTORE - Opcodes.ILOAD);
    }

    /** The constant that stands in for a dead local of this kind, so that frames still match. */
    static int defaultOpcode(char kind) {
        return switch (kind) {
            case 'I' -> Opcodes.ICONST_0;
            case 'J' -> Opcodes.LCONST_0;
            case 'F' -> Opcodes.FCONST_0;
            case 'D' -> Opcodes.DCONST_0;
            default -> Opcodes.ACONST_NULL;
        };
    }

    /**
     * Converts a list in {@link org.objectweb.asm.commons.AnalyzerAdapter}'s layout, where a
     * long or double takes two entries (the type, then TOP), to the layout of
     * {@code visitFrame}, where it takes one.
     */
    static List<Object> toFrameLayout(List<Object> slots) {
        List<Object> frame = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            Object type = slots.get(i);
            frame.add(type);
            if (isTwoWords(type)) {
                i++;
            }
        }
        return frame;
    }
}
