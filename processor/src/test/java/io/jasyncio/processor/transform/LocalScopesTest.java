package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * {@link LocalScopes} on a method built by hand, as javac would compile
 * <pre>{@code
 * static Coroutine<Integer> m(Future<Object> f, int n) {
 *     int x = 1;
 *     int y = x + n;          // not read after the await: not kept
 *     n = y;                  // an assigned parameter, not read after the await either
 *     Object a = await(f);
 *     y = 5;                  // assigned again: its true value from here on
 *     return result(x + y + a.hashCode());
 * }
 * }</pre>
 */
class LocalScopesTest {
    private static final String OWNER = "test/Host";

    @Test
    void aLocalNotKeptLeavesScopeAtTheAwaitUntilItIsAssignedAgain() throws TransformException {
        LabelNode start = new LabelNode();
        LabelNode xStart = new LabelNode();
        LabelNode yStart = new LabelNode();
        LabelNode aStart = new LabelNode();
        LabelNode end = new LabelNode();
        MethodNode method = new MethodNode(Opcodes.ACC_STATIC, "m",
                "(Lio/jasyncio/Future;I)Lio/jasyncio/Coroutine;", null, null);
        InsnList code = method.instructions;
        code.add(start);
        code.add(new InsnNode(Opcodes.ICONST_1));
        code.add(new VarInsnNode(Opcodes.ISTORE, 2));
        code.add(xStart);
        code.add(new VarInsnNode(Opcodes.ILOAD, 2));
        code.add(new VarInsnNode(Opcodes.ILOAD, 1));
        code.add(new InsnNode(Opcodes.IADD));
        code.add(new VarInsnNode(Opcodes.ISTORE, 3));
        code.add(yStart);
        code.add(new VarInsnNode(Opcodes.ILOAD, 3));
        code.add(new VarInsnNode(Opcodes.ISTORE, 1));
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        MethodInsnNode await = new MethodInsnNode(Opcodes.INVOKESTATIC, "io/jasyncio/Asyncio", "await",
                "(Lio/jasyncio/Awaitable;)Ljava/lang/Object;", false);
        code.add(await);
        code.add(new VarInsnNode(Opcodes.ASTORE, 4));
        code.add(aStart);
        code.add(new InsnNode(Opcodes.ICONST_5));
        VarInsnNode storeY = new VarInsnNode(Opcodes.ISTORE, 3);
        code.add(storeY);
        code.add(new VarInsnNode(Opcodes.ILOAD, 2));
        code.add(new VarInsnNode(Opcodes.ILOAD, 3));
        code.add(new InsnNode(Opcodes.IADD));
        code.add(new VarInsnNode(Opcodes.ALOAD, 4));
        code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/Object", "hashCode", "()I", false));
        code.add(new InsnNode(Opcodes.IADD));
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false));
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "io/jasyncio/Asyncio", "result",
                "(Ljava/lang/Object;)Lio/jasyncio/Coroutine;", false));
        code.add(new InsnNode(Opcodes.ARETURN));
        code.add(end);
        method.localVariables = new java.util.ArrayList<>(List.of(
                new LocalVariableNode("f", "Lio/jasyncio/Future;", null, start, end, 0),
                new LocalVariableNode("n", "I", null, start, end, 1),
                new LocalVariableNode("x", "I", null, xStart, end, 2),
                new LocalVariableNode("y", "I", null, yStart, end, 3),
                new LocalVariableNode("a", "Ljava/lang/Object;", null, aStart, end, 4)));
        method.maxLocals = 5;
        method.maxStack = 3;

        List<AwaitSite> sites = AwaitSiteAnalysis.findSites(OWNER, method);
        LivenessAnalysis.computeLiveLocals(OWNER, method, sites);
        FrameLayout layout = new FrameLayout(OWNER, method, sites);
        LocalScopes.trim(OWNER, method, sites, layout);

        assertEquals(1, sites.size());
        assertEquals(List.of(
                "f: start..end",          // a parameter never assigned: passed back at every resume
                "n: start..await",        // assigned, and not kept across the await
                "x: x..end",              // kept across the await
                "y: y..await", "y: after y = 5..end",
                "a: a..end"), ranges(method, await, storeY));
    }

    /** Each table entry as "name: from..to", naming the instructions its labels stand before. */
    private static List<String> ranges(MethodNode method, MethodInsnNode await, VarInsnNode storeY) {
        return method.localVariables.stream()
                .map(v -> v.name + ": " + where(method, v.start, await, storeY) + ".." + where(method, v.end, await, storeY))
                .collect(Collectors.toList());
    }

    private static String where(MethodNode method, LabelNode label, MethodInsnNode await, VarInsnNode storeY) {
        InsnList code = method.instructions;
        int at = code.indexOf(label);
        if (label == code.getFirst()) {
            return "start";
        }
        if (label == code.getLast()) {
            return "end";
        }
        if (code.indexOf(await) == at + 1) {
            return "await";
        }
        if (code.indexOf(storeY) == at - 1) {
            return "after y = 5";
        }
        for (LocalVariableNode variable : method.localVariables) {
            if (variable.start == label) {
                return variable.name;
            }
        }
        return "#" + at;
    }
}
