package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.AnalyzerAdapter;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Phase 2: finds the suspension points of an {@code @Async} method, with the verifier types
 * of its locals and operand stack at each.
 *
 * <p>The types come from replaying the method through ASM's {@link AnalyzerAdapter}, which
 * follows javac's own stack map frames; so no class is ever loaded (the classes of the
 * compilation are not loadable yet) and no type is merged by guesswork.
 *
 * <p>A {@code return result(v);} (the call immediately followed by {@code ARETURN}) is not a
 * suspension point: it is rewritten in place by {@link MethodRewriter}. Any other
 * {@code ARETURN} returns a coroutine whose value becomes the method's: a {@link
 * AwaitSite.Kind#TAIL_RETURN} site, except in an async generator, whose returns all return
 * {@code end()} and are rewritten in place too.
 */
final class AwaitSiteAnalysis {
    private AwaitSiteAnalysis() {}

    static List<AwaitSite> findSites(String owner, MethodNode method) throws TransformException {
        AnalyzerAdapter types = new AnalyzerAdapter(owner, method.access, method.name, method.desc, null);
        List<AwaitSite> sites = new ArrayList<>();
        int line = -1;
        boolean generator = method.desc.endsWith(RuntimeNames.GENERATOR_RETURN);
        if (generator) {
            checkGeneratorReturns(owner, method);
        }
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof LineNumberNode number) {
                line = number.line;
            }
            AwaitSite.Kind kind = siteKind(insn, generator);
            if (kind != null) {
                if (types.stack == null) {
                    throw new TransformException(owner, method.name,
                            "an await is in code that javac's frames do not cover (unreachable code?)");
                }
                List<Object> stack = new ArrayList<>(types.stack);
                if (stack.stream().anyMatch(FrameType::isUninitialized)
                        || types.locals.stream().anyMatch(FrameType::isUninitialized)) {
                    throw new TransformException(owner, method.name, "an await (line " + line + ") is inside the"
                            + " arguments of a constructor call whose unfinished object this pass cannot set aside:"
                            + " it rewrites the forms javac emits (NEW, DUP, the arguments, the constructor call,"
                            + " with the object spilled to locals or not), and this bytecode, from another compiler"
                            + " or tool, has another. Assign the awaited value to a local variable before the"
                            + " constructor call");
                }
                sites.add(new AwaitSite(insn, kind, new ArrayList<>(types.locals), stack, sites.size() + 1, line));
            }
            insn.accept(types);
        }
        return sites;
    }

    private static AwaitSite.Kind siteKind(AbstractInsnNode insn, boolean generator) {
        if (insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESTATIC
                && RuntimeNames.isAwait(call.owner, call.name, call.desc)) {
            return call.desc.equals(RuntimeNames.AWAIT_STAGE) ? AwaitSite.Kind.AWAIT_STAGE : AwaitSite.Kind.AWAIT;
        }
        if (insn.getOpcode() == Opcodes.ARETURN && !generator && !isResultReturn(insn)) {
            return AwaitSite.Kind.TAIL_RETURN;
        }
        return null;
    }

    /**
     * Every return of an async generator returns what {@code end()} gave: the call right before
     * it, or a local that such a call's value went into (javac's form inside a try with a
     * finally block). The processor enforces this in the source; code the weaver or the agent
     * rewrites was not checked, and a generator that returned anything else would end silently.
     */
    private static void checkGeneratorReturns(String owner, MethodNode method) throws TransformException {
        java.util.Set<Integer> endLocals = new java.util.HashSet<>();
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (isEndCall(insn) && Instructions.next(insn) instanceof VarInsnNode store && store.getOpcode() == Opcodes.ASTORE) {
                endLocals.add(store.var);
            }
        }
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() != Opcodes.ARETURN) {
                continue;
            }
            AbstractInsnNode value = Instructions.previousInBlock(insn);
            boolean ofEnd = isEndCall(value)
                    || value instanceof VarInsnNode load && load.getOpcode() == Opcodes.ALOAD && endLocals.contains(load.var);
            if (!ofEnd) {
                throw new TransformException(owner, method.name, "an async generator returns something other than"
                        + " end(): it ends with return end(); and hands out its values with await(emit(value))");
            }
        }
    }

    private static boolean isEndCall(AbstractInsnNode insn) {
        return insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESTATIC
                && call.owner.equals(RuntimeNames.ASYNCIO) && call.name.equals(RuntimeNames.END)
                && call.desc.equals(RuntimeNames.END_DESCRIPTOR);
    }

    /** True for the {@code ARETURN} of {@code return result(v);}: the call right before it. */
    static boolean isResultReturn(AbstractInsnNode areturn) {
        return Instructions.previousInBlock(areturn) instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESTATIC
                && RuntimeNames.isResult(call.owner, call.name, call.desc);
    }
}
