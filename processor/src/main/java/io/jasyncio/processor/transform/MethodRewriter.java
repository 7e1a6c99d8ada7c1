package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Phase 7: splits an {@code @Async} method into a stub, which keeps the method's name and
 * signature and only creates the frame ({@code return new Host$$m$0(this, args)}), and the
 * body, a synthetic static method of the same class that holds the original instructions,
 * made resumable:
 *
 * <pre>
 * static synthetic Object m(Frame f, Object value, Throwable error)
 *   switch (f.label) { 0: start, k: restore_k }           // the dispatcher
 *   start:  if (error != null) throw error;               // cancelled before it began
 *           restore the parameters; the original code follows, its locals moved up by 3
 *   at each await site k, [stack S, awaitable]:
 *           a = awaitable; f.label = k;
 *           if (a is a done Future) push f.doneResult(a);  // no suspension, no allocation
 *           else if (f.canAwaitInline() and a is a coroutine frame   // nested, on this Java stack
 *                    and (r = a.awaitFrom(f)) != SUSPENDED) push r;
 *           else { spill S and the live locals; return a or SUSPENDED; }
 *   resume_k: if (error != null) throw error;             // inside the user's try blocks
 *           push value;                                   // continues as the call would
 *   restore_k (at the end): reload S and the locals, goto resume_k
 * </pre>
 *
 * Line numbers, local variable names and the exception table stay with the original
 * instructions, so stack traces and debuggers see the user's code. Stack map frames are
 * written for every new jump target from the types {@link AwaitSiteAnalysis} read off javac's
 * frames; javac's own frames get the three new locals in front.
 */
final class MethodRewriter {
    /** How far the original locals from the first parameter on move up: three new locals. */
    static final int SHIFT = 3;

    /** The new locals: the frame, the awaited value and the error, after the arguments. */
    private final int FRAME;
    private final int VALUE;
    private final int ERROR;
    /** The first original local that moves: the receiver and the parameters stay where they are. */
    private final int firstShifted;
    /** How many {@code visitFrame} entries the receiver and the parameters take. */
    private final int argumentEntries;
    private final boolean isStatic;
    /** An async generator's body: it ends with {@code return end();} and emits. */
    private final boolean generator;

    private final String owner;
    private final String frameClass;
    private final MethodNode method;
    private final List<AwaitSite> sites;
    private final FrameLayout layout;
    private final int awaitedLocal;
    private final List<Object> entryLocals;

    private MethodRewriter(String owner, String frameClass, MethodNode method, List<AwaitSite> sites,
                           FrameLayout layout) {
        this.owner = owner;
        this.frameClass = frameClass;
        this.method = method;
        this.sites = sites;
        this.layout = layout;
        this.isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
        this.generator = method.desc.endsWith(RuntimeNames.GENERATOR_RETURN);
        this.firstShifted = layout.parameterSlots;
        this.FRAME = firstShifted;
        this.VALUE = firstShifted + 1;
        this.ERROR = firstShifted + 2;
        this.awaitedLocal = method.maxLocals + SHIFT;
        List<Object> arguments = new ArrayList<>();
        for (FrameLayout.Kept parameter : layout.parameters) {
            arguments.add(parameter.type());
        }
        this.argumentEntries = arguments.size();
        this.entryLocals = withRuntimeLocals(arguments, frameClass);
    }

    /**
     * Rewrites {@code method} in place into the stub and returns the body method, to be added
     * to the class.
     */
    static MethodNode rewrite(String owner, boolean ownerIsInterface, String frameClass, MethodNode method,
                              List<AwaitSite> sites, FrameLayout layout) {
        return new MethodRewriter(owner, frameClass, method, sites, layout).rewrite(ownerIsInterface);
    }

    private MethodNode rewrite(boolean ownerIsInterface) {
        List<MethodInsnNode> resultCalls = generator ? List.of() : findResultCalls();
        List<AbstractInsnNode> generatorEnds = generator ? findGeneratorEnds() : List.of();
        List<MethodInsnNode> emitCalls = findEmitCalls();
        MethodNode body = new MethodNode(
                (isStatic ? Opcodes.ACC_STATIC : 0) | (ownerIsInterface ? Opcodes.ACC_PUBLIC : 0),
                method.name, FrameClassGenerator.bodyDescriptor(frameClass, method.desc), null, null);
        body.instructions = method.instructions;
        body.tryCatchBlocks = method.tryCatchBlocks;
        body.localVariables = method.localVariables;
        shiftLocals(body);

        for (MethodInsnNode call : resultCalls) {
            rewriteResult(body.instructions, call);
        }
        for (AbstractInsnNode end : generatorEnds) {
            rewriteGeneratorEnd(body.instructions, end);
        }
        for (MethodInsnNode call : emitCalls) {
            rewriteEmit(body.instructions, call);
        }
        List<LabelNode> restores = new ArrayList<>();
        InsnList tail = new InsnList();
        for (AwaitSite site : sites) {
            LabelNode restore = new LabelNode();
            restores.add(restore);
            LabelNode resume = rewriteSite(body.instructions, site);
            tail.add(restoreBlock(site, restore, resume));
        }
        LabelNode badLabel = new LabelNode();
        tail.add(badLabelBlock(badLabel));
        body.instructions.insert(dispatcher(restores, badLabel));
        body.instructions.add(tail);
        widenArgumentScopes(body);
        dropShadowedFrames(body.instructions);
        // maxLocals and maxStack: recomputed when the class is written (COMPUTE_MAXS).

        writeStub();
        return body;
    }

    // ---- the body ---------------------------------------------------------------------------

    /** The {@code result(v)} calls of {@code return result(v);}, found before anything moves. */
    private List<MethodInsnNode> findResultCalls() {
        List<MethodInsnNode> calls = new ArrayList<>();
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() == Opcodes.ARETURN && AwaitSiteAnalysis.isResultReturn(insn)) {
                calls.add((MethodInsnNode) Instructions.previous(insn));
            }
        }
        return calls;
    }

    private void shiftLocals(MethodNode body) {
        for (AbstractInsnNode insn = body.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof VarInsnNode var) {
                var.var = shifted(var.var);
            } else if (insn instanceof IincInsnNode iinc) {
                iinc.var = shifted(iinc.var);
            } else if (insn instanceof FrameNode frame) {
                frame.local = withRuntimeLocals(frame.local, frameClass);
            }
        }
        if (body.localVariables != null) {
            for (LocalVariableNode variable : body.localVariables) {
                variable.index = shifted(variable.index);
            }
        }
        method.visibleLocalVariableAnnotations = null;
        method.invisibleLocalVariableAnnotations = null;
    }

    /**
     * The arguments the frame passes back at every resume hold their true value from the body's
     * first instruction: a debugger stopped there (a step into a call lands on it) shows them.
     */
    private void widenArgumentScopes(MethodNode body) {
        if (body.localVariables == null) {
            return;
        }
        LabelNode first = new LabelNode();
        body.instructions.insert(first);
        for (LocalVariableNode variable : body.localVariables) {
            if (variable.index < firstShifted && layout.passedBack.get(variable.index)) {
                variable.start = first;
            }
        }
    }

    /** Where original local {@code slot} lives in the body: {@code this} stays, the rest move up by {@link #SHIFT}. */
    private int shifted(int slot) {
        return slot < firstShifted ? slot : slot + SHIFT;
    }

    /**
     * In an async generator's body, its {@code end()} calls and its returns. They are apart
     * where javac compiles {@code return end();} inside a {@code try} with a finally block: the
     * value is kept in a local while the finally code runs, and returned after it.
     */
    private List<AbstractInsnNode> findGeneratorEnds() {
        List<AbstractInsnNode> ends = new ArrayList<>();
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() == Opcodes.ARETURN || insn instanceof MethodInsnNode call
                    && call.getOpcode() == Opcodes.INVOKESTATIC && call.owner.equals(RuntimeNames.ASYNCIO)
                    && call.name.equals(RuntimeNames.END) && call.desc.equals(RuntimeNames.END_DESCRIPTOR)) {
                ends.add(insn);
            }
        }
        return ends;
    }

    /**
     * In an async generator's body, {@code end()} gives a null in its place (a null fits the
     * {@code AsyncGenerator} javac's frames expect there), and every return, which returns that
     * value ({@link AwaitSiteAnalysis} checked), ends the frame with {@code return f.complete(null)}.
     */
    private void rewriteGeneratorEnd(InsnList code, AbstractInsnNode end) {
        if (end.getOpcode() != Opcodes.ARETURN) {
            code.set(end, new InsnNode(Opcodes.ACONST_NULL));
            return;
        }
        InsnList complete = new InsnList();
        complete.add(new InsnNode(Opcodes.POP));
        complete.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        complete.add(new InsnNode(Opcodes.ACONST_NULL));
        complete.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeNames.FRAME, "complete",
                RuntimeNames.COMPLETE_DESCRIPTOR, false));
        code.insertBefore(end, complete);
    }

    /** In an async generator's body, its {@code emit(v)} calls; none elsewhere. */
    private List<MethodInsnNode> findEmitCalls() {
        List<MethodInsnNode> calls = new ArrayList<>();
        if (generator) {
            for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
                if (insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESTATIC
                        && call.owner.equals(RuntimeNames.ASYNCIO) && call.name.equals(RuntimeNames.EMIT)
                        && call.desc.equals(RuntimeNames.EMIT_DESCRIPTOR)) {
                    calls.add(call);
                }
            }
        }
        return calls;
    }

    /** {@code emit(v)} becomes {@code f.emitValue(v)}: the generator's own frame takes the value. */
    private void rewriteEmit(InsnList code, MethodInsnNode call) {
        InsnList emit = new InsnList();
        emit.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        emit.add(new InsnNode(Opcodes.SWAP));
        emit.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeNames.GENERATOR_FRAME, RuntimeNames.EMIT_VALUE,
                RuntimeNames.EMIT_DESCRIPTOR, false));
        code.insertBefore(call, emit);
        code.remove(call);
    }

    /** {@code return result(v)} becomes {@code return f.complete(v)}: no coroutine object. */
    private void rewriteResult(InsnList code, MethodInsnNode call) {
        InsnList complete = new InsnList();
        complete.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        if (call.desc.equals(RuntimeNames.RESULT_VALUE)) {
            complete.add(new InsnNode(Opcodes.SWAP));
        } else {
            complete.add(new InsnNode(Opcodes.ACONST_NULL));
        }
        complete.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeNames.FRAME, "complete",
                RuntimeNames.COMPLETE_DESCRIPTOR, false));
        code.insertBefore(call, complete);
        code.remove(call);
    }

    /** Replaces the await at {@code site} by the fast path, the suspension and the resume point. */
    private LabelNode rewriteSite(InsnList code, AwaitSite site) {
        FrameLayout.SiteLayout kept = layout.sites.get(site);
        List<Object> locals = siteLocals(site);
        List<Object> below = FrameType.toFrameLayout(site.stackBelow());
        LabelNode slow = new LabelNode();
        LabelNode resume = new LabelNode();
        LabelNode noError = new LabelNode();
        LabelNode after = new LabelNode();

        InsnList await = new InsnList();
        if (site.kind == AwaitSite.Kind.AWAIT_STAGE) {
            await.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeNames.ASYNCIO, RuntimeNames.WRAP_FUTURE,
                    RuntimeNames.WRAP_FUTURE_DESCRIPTOR, false));
        }
        await.add(new VarInsnNode(Opcodes.ASTORE, awaitedLocal));
        // The resume label first: the slow path resumes there, and a failure on the fast path
        // names this await in its stack trace.
        await.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        await.add(intConstant(site.label));
        await.add(new FieldInsnNode(Opcodes.PUTFIELD, frameClass, FrameClassGenerator.LABEL_FIELD, FrameClassGenerator.LABEL_DESCRIPTOR));
        List<Object> withAwaited = padTo(locals, awaitedLocal);
        withAwaited.add(RuntimeNames.OBJECT);
        if (!awaitsEmit(site)) {
            addFastPaths(await, slow, after, withAwaited, below);
        }
        // Slow path: keep what lives on, and hand the awaitable (or SUSPENDED) to the driver.
        FrameNode atSlow = frame(withAwaited, below);
        await.add(slow);
        await.add(atSlow);
        await.add(spill(kept, atSlow));
        await.add(new VarInsnNode(Opcodes.ALOAD, awaitedLocal));
        await.add(new InsnNode(Opcodes.ARETURN));
        // Resume point, reached from restore_k: what the await gave, thrown or pushed.
        await.add(resume);
        await.add(frame(locals, below));
        await.add(new VarInsnNode(Opcodes.ALOAD, ERROR));
        await.add(new JumpInsnNode(Opcodes.IFNULL, noError));
        await.add(new VarInsnNode(Opcodes.ALOAD, ERROR));
        await.add(new InsnNode(Opcodes.ATHROW));
        await.add(noError);
        await.add(frame(locals, below));
        await.add(new VarInsnNode(Opcodes.ALOAD, VALUE));
        await.add(after);
        List<Object> withValue = new ArrayList<>(below);
        withValue.add(RuntimeNames.OBJECT);
        await.add(frame(locals, withValue));

        MethodInsnNode hasNext = awaitedHasNext(site);
        if (hasNext != null) {
            askEagerly(code, hasNext, locals, below, after, unboxedAnswer(code, site, locals, below));
        }
        if (site.kind == AwaitSite.Kind.TAIL_RETURN) {
            await.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
            await.add(new InsnNode(Opcodes.SWAP));
            await.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeNames.FRAME, "complete",
                    RuntimeNames.COMPLETE_DESCRIPTOR, false));
            code.insertBefore(site.instruction, await);
        } else {
            code.insertBefore(site.instruction, await);
            code.remove(site.instruction);
        }
        return resume;
    }

    /**
     * The call of {@code await(it.hasNext())} at {@code site}, an async iterator's own
     * {@code hasNext}, or null for any other await.
     */
    private static MethodInsnNode awaitedHasNext(AwaitSite site) {
        if (site.kind != AwaitSite.Kind.AWAIT) {
            return null;
        }
        AbstractInsnNode previous = Instructions.previous(site.instruction);
        if (previous instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKEINTERFACE
                && (call.owner.equals(RuntimeNames.ASYNC_ITERATOR) || call.owner.equals(RuntimeNames.ASYNC_GENERATOR))
                && call.name.equals(RuntimeNames.HAS_NEXT) && call.desc.equals(RuntimeNames.HAS_NEXT_DESCRIPTOR)) {
            return call;
        }
        return null;
    }

    /**
     * Before {@code call}, an {@code it.hasNext()} whose answer is awaited at once: an iterator
     * that can answer at once ({@code EagerIterator}) is asked so, and a true goes straight on at
     * {@code after} as the await's value; anything else is awaited as it would have been. The
     * loop condition of {@code while (await(it.hasNext()))} then costs a compare, not an await.
     */
    private void askEagerly(InsnList code, MethodInsnNode call, List<Object> locals, List<Object> below,
                            LabelNode after, LabelNode unboxed) {
        LabelNode plain = new LabelNode();
        LabelNode await = new LabelNode();
        List<Object> withIterator = new ArrayList<>(below);
        withIterator.add(call.owner);
        List<Object> withAnswer = new ArrayList<>(below);
        withAnswer.add(RuntimeNames.OBJECT);
        InsnList ask = new InsnList();
        ask.add(new InsnNode(Opcodes.DUP));
        ask.add(new TypeInsnNode(Opcodes.INSTANCEOF, RuntimeNames.EAGER_ITERATOR));
        ask.add(new JumpInsnNode(Opcodes.IFEQ, plain));
        ask.add(new TypeInsnNode(Opcodes.CHECKCAST, RuntimeNames.EAGER_ITERATOR));
        ask.add(new MethodInsnNode(Opcodes.INVOKEINTERFACE, RuntimeNames.EAGER_ITERATOR, RuntimeNames.HAS_NEXT_NOW,
                "()Ljava/lang/Object;", true));
        ask.add(new InsnNode(Opcodes.DUP));
        ask.add(new FieldInsnNode(Opcodes.GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;"));
        ask.add(new JumpInsnNode(Opcodes.IF_ACMPNE, await));
        if (unboxed != null) {
            ask.add(new InsnNode(Opcodes.POP));
            ask.add(new InsnNode(Opcodes.ICONST_1));
            ask.add(new JumpInsnNode(Opcodes.GOTO, unboxed));
        } else {
            ask.add(new JumpInsnNode(Opcodes.GOTO, after));
        }
        ask.add(plain);
        ask.add(frame(locals, withIterator));
        code.insertBefore(call, ask);
        InsnList join = new InsnList();
        join.add(await);
        join.add(frame(locals, withAnswer));
        code.insert(call, join);
    }

    /**
     * Where the await at {@code site} is unboxed as a {@code boolean} (its value cast to
     * {@code Boolean}, then {@code booleanValue()}, as javac compiles {@code while (await(...))}):
     * a label placed just after the unboxing, which an answer known to be true can jump to with
     * the {@code boolean} pushed, so that the compiled loop tests a constant instead of a
     * {@code Boolean}. Null where the value is used otherwise.
     */
    private static LabelNode unboxedAnswer(InsnList code, AwaitSite site, List<Object> locals, List<Object> below) {
        AbstractInsnNode cast = Instructions.next(site.instruction);
        AbstractInsnNode unbox = cast == null ? null : Instructions.next(cast);
        if (!(cast instanceof TypeInsnNode type && type.getOpcode() == Opcodes.CHECKCAST
                && type.desc.equals("java/lang/Boolean"))
                || !(unbox instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKEVIRTUAL
                && call.owner.equals("java/lang/Boolean") && call.name.equals("booleanValue")
                && call.desc.equals("()Z"))) {
            return null;
        }
        for (AbstractInsnNode insn = unbox.getNext(); insn != null && insn.getOpcode() < 0; insn = insn.getNext()) {
            if (insn instanceof FrameNode) {
                return null; // a branch target already has its frame there: leave the await as it is
            }
        }
        LabelNode unboxed = new LabelNode();
        List<Object> withBoolean = new ArrayList<>(below);
        withBoolean.add(Opcodes.INTEGER);
        InsnList join = new InsnList();
        join.add(unboxed);
        join.add(frame(locals, withBoolean));
        code.insert(unbox, join);
        return unboxed;
    }

    /**
     * Whether the await at {@code site} is {@code await(emit(v))} in a generator's body: the
     * emit's future is never done, so the await goes straight to its suspension.
     */
    private boolean awaitsEmit(AwaitSite site) {
        if (!generator || site.kind != AwaitSite.Kind.AWAIT) {
            return false;
        }
        AbstractInsnNode previous = Instructions.previous(site.instruction);
        return previous instanceof MethodInsnNode call && call.owner.equals(RuntimeNames.GENERATOR_FRAME)
                && call.name.equals(RuntimeNames.EMIT_VALUE);
    }

    /**
     * An await's fast paths: a done future gives its result (or throws) where the await is, and
     * a coroutine runs nested under this method. Both go on at {@code after} with the value; an
     * await that must suspend jumps to {@code slow} with the awaitable (or SUSPENDED, which takes
     * its place when the nested coroutine suspended) in the awaited local.
     */
    private void addFastPaths(InsnList await, LabelNode slow, LabelNode after, List<Object> withAwaited,
                              List<Object> below) {
        LabelNode notFuture = new LabelNode();
        await.add(new VarInsnNode(Opcodes.ALOAD, awaitedLocal));
        await.add(new TypeInsnNode(Opcodes.INSTANCEOF, RuntimeNames.FUTURE));
        await.add(new JumpInsnNode(Opcodes.IFEQ, notFuture));
        await.add(new VarInsnNode(Opcodes.ALOAD, awaitedLocal));
        await.add(new TypeInsnNode(Opcodes.CHECKCAST, RuntimeNames.FUTURE));
        await.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeNames.FUTURE, "done", "()Z", false));
        await.add(new JumpInsnNode(Opcodes.IFEQ, slow));
        await.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        await.add(new VarInsnNode(Opcodes.ALOAD, awaitedLocal));
        await.add(new TypeInsnNode(Opcodes.CHECKCAST, RuntimeNames.FUTURE));
        await.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeNames.FRAME, RuntimeNames.DONE_RESULT,
                RuntimeNames.DONE_RESULT_DESCRIPTOR, false));
        await.add(new JumpInsnNode(Opcodes.GOTO, after));
        // A coroutine runs nested under this method; it gives its value, throws, or has this
        // method suspend too (SUSPENDED takes the awaitable's place on the slow path).
        await.add(notFuture);
        await.add(frame(withAwaited, below));
        await.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        await.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeNames.FRAME, RuntimeNames.CAN_AWAIT_INLINE, "()Z",
                false));
        await.add(new JumpInsnNode(Opcodes.IFEQ, slow));
        await.add(new VarInsnNode(Opcodes.ALOAD, awaitedLocal));
        await.add(new TypeInsnNode(Opcodes.INSTANCEOF, RuntimeNames.FRAME));
        await.add(new JumpInsnNode(Opcodes.IFEQ, slow));
        await.add(new VarInsnNode(Opcodes.ALOAD, awaitedLocal));
        await.add(new TypeInsnNode(Opcodes.CHECKCAST, RuntimeNames.FRAME));
        await.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        await.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeNames.FRAME, RuntimeNames.AWAIT_FROM,
                RuntimeNames.AWAIT_FROM_DESCRIPTOR, false));
        await.add(new InsnNode(Opcodes.DUP));
        await.add(new FieldInsnNode(Opcodes.GETSTATIC, RuntimeNames.FRAME, RuntimeNames.SUSPENDED, "Ljava/lang/Object;"));
        await.add(new JumpInsnNode(Opcodes.IF_ACMPNE, after));
        await.add(new VarInsnNode(Opcodes.ASTORE, awaitedLocal));
    }

    /**
     * Stores the locals that are kept, then pops the stack below the awaitable into temporaries
     * and stores what is kept of it. {@code atSlow} is the frame there: locals with the awaited
     * one, and the stack below it.
     */
    private InsnList spill(FrameLayout.SiteLayout kept, FrameNode atSlow) {
        InsnList spill = new InsnList();
        for (FrameLayout.Kept local : kept.locals()) {
            if (local.field() == null) {
                continue;
            }
            if (local.kind() == 'A') {
                spill.add(storeIfChanged(local, shifted(local.local()), atSlow));
            } else {
                spill.add(store(local, shifted(local.local())));
            }
        }
        int[] temps = new int[kept.stack().size()];
        int next = awaitedLocal + 1;
        for (int i = kept.stack().size() - 1; i >= 0; i--) {
            FrameLayout.Kept value = kept.stack().get(i);
            if (value.field() == null) {
                spill.add(new InsnNode(Opcodes.POP));
                continue;
            }
            temps[i] = next;
            spill.add(new VarInsnNode(FrameType.storeOpcode(value.kind()), next));
            next += FrameType.isTwoWords(value.type()) ? 2 : 1;
        }
        for (int i = 0; i < temps.length; i++) {
            FrameLayout.Kept value = kept.stack().get(i);
            if (value.field() != null) {
                spill.add(store(value, temps[i]));
            }
        }
        return spill;
    }

    /**
     * Stores a reference unless its field holds it already, as it does where a loop suspends
     * again with a value it restored: a compare costs less than the garbage collector's barriers
     * around a reference store.
     */
    private InsnList storeIfChanged(FrameLayout.Kept value, int fromLocal, FrameNode atSlow) {
        LabelNode kept = new LabelNode();
        InsnList store = new InsnList();
        store.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        store.add(new FieldInsnNode(Opcodes.GETFIELD, frameClass, value.field(), value.descriptor()));
        store.add(new VarInsnNode(Opcodes.ALOAD, fromLocal));
        store.add(new JumpInsnNode(Opcodes.IF_ACMPEQ, kept));
        store.add(store(value, fromLocal));
        store.add(kept);
        store.add(frame(atSlow));
        return store;
    }

    private InsnList store(FrameLayout.Kept value, int fromLocal) {
        InsnList store = new InsnList();
        store.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        store.add(new VarInsnNode(FrameType.loadOpcode(value.kind()), fromLocal));
        store.add(new FieldInsnNode(Opcodes.PUTFIELD, frameClass, value.field(), value.descriptor()));
        return store;
    }

    /** Reloads a site's locals and stack from the frame, then jumps to its resume point. */
    private InsnList restoreBlock(AwaitSite site, LabelNode restore, LabelNode resume) {
        FrameLayout.SiteLayout kept = layout.sites.get(site);
        InsnList block = new InsnList();
        block.add(restore);
        block.add(frame(entryLocals, List.of()));
        for (FrameLayout.Kept local : kept.locals()) {
            block.add(load(local));
            block.add(new VarInsnNode(FrameType.storeOpcode(local.kind()), shifted(local.local())));
        }
        for (FrameLayout.Kept value : kept.stack()) {
            block.add(load(value));
        }
        block.add(new JumpInsnNode(Opcodes.GOTO, resume));
        return block;
    }

    /** Pushes a kept value from its field, which has its type; or its stand-in constant. */
    private InsnList load(FrameLayout.Kept value) {
        InsnList load = new InsnList();
        if (value.field() == null) {
            load.add(new InsnNode(FrameType.defaultOpcode(value.kind())));
            return load;
        }
        load.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        load.add(new FieldInsnNode(Opcodes.GETFIELD, frameClass, value.field(), value.descriptor()));
        return load;
    }

    /**
     * {@code switch (f.label)}, then the start: an error before the body began (a task
     * cancelled before its first step) is thrown before any user code runs; otherwise the
     * parameters are restored and the original code follows.
     */
    private InsnList dispatcher(List<LabelNode> restores, LabelNode badLabel) {
        LabelNode start = new LabelNode();
        LabelNode begin = new LabelNode();
        LabelNode[] targets = new LabelNode[restores.size() + 1];
        targets[0] = start;
        for (int i = 0; i < restores.size(); i++) {
            targets[i + 1] = restores.get(i);
        }
        InsnList code = new InsnList();
        code.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        code.add(new FieldInsnNode(Opcodes.GETFIELD, frameClass, FrameClassGenerator.LABEL_FIELD, FrameClassGenerator.LABEL_DESCRIPTOR));
        code.add(new TableSwitchInsnNode(0, restores.size(), badLabel, targets));
        code.add(start);
        code.add(frame(entryLocals, List.of()));
        code.add(new VarInsnNode(Opcodes.ALOAD, ERROR));
        code.add(new JumpInsnNode(Opcodes.IFNULL, begin));
        code.add(new VarInsnNode(Opcodes.ALOAD, ERROR));
        code.add(new InsnNode(Opcodes.ATHROW));
        code.add(begin);
        code.add(frame(entryLocals, List.of()));
        return code;
    }

    private InsnList badLabelBlock(LabelNode badLabel) {
        InsnList code = new InsnList();
        code.add(badLabel);
        code.add(frame(entryLocals, List.of()));
        code.add(new TypeInsnNode(Opcodes.NEW, "java/lang/IllegalStateException"));
        code.add(new InsnNode(Opcodes.DUP));
        code.add(new LdcInsnNode("corrupt coroutine frame: no such resume label in " + owner.replace('/', '.')
                + "." + method.name));
        code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>",
                "(Ljava/lang/String;)V", false));
        code.add(new InsnNode(Opcodes.ATHROW));
        return code;
    }

    /** The body's locals at a site, in {@code visitFrame} layout: the three new ones, then the original ones. */
    private List<Object> siteLocals(AwaitSite site) {
        return withRuntimeLocals(FrameType.toFrameLayout(site.locals), frameClass);
    }

    /**
     * {@code locals} ({@code visitFrame} layout, original slots) as the body has them: the
     * receiver and the parameters, then the frame, the value and the error, then the rest.
     */
    private List<Object> withRuntimeLocals(List<Object> locals, String frameClass) {
        List<Object> body = new ArrayList<>(locals.subList(0, Math.min(argumentEntries, locals.size())));
        while (body.size() < argumentEntries) {
            body.add(Opcodes.TOP);
        }
        body.add(frameClass);
        body.add(RuntimeNames.OBJECT);
        body.add(RuntimeNames.THROWABLE);
        if (locals.size() > argumentEntries) {
            body.addAll(locals.subList(argumentEntries, locals.size()));
        }
        return body;
    }

    /** {@code locals} (visitFrame layout) extended with TOP up to local slot {@code slot}. */
    private static List<Object> padTo(List<Object> locals, int slot) {
        List<Object> padded = new ArrayList<>(locals);
        int used = 0;
        for (Object type : locals) {
            used += FrameType.isTwoWords(type) ? 2 : 1;
        }
        for (; used < slot; used++) {
            padded.add(Opcodes.TOP);
        }
        return padded;
    }

    /**
     * Where a frame of ours lands right before one of javac's (same bytecode offset), javac's
     * wins: it describes the merge point, and two frames at one offset are invalid.
     */
    private static void dropShadowedFrames(InsnList code) {
        FrameNode pending = null;
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof FrameNode frame) {
                if (pending != null) {
                    code.remove(pending);
                }
                pending = frame;
            } else if (insn.getOpcode() >= 0) {
                pending = null;
            }
        }
    }

    private static FrameNode frame(List<Object> locals, List<Object> stack) {
        return new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), stack.size(), stack.toArray());
    }

    /** A copy of {@code frame}: a frame node, like any instruction, can be in one place only. */
    private static FrameNode frame(FrameNode frame) {
        return new FrameNode(Opcodes.F_NEW, frame.local.size(), frame.local.toArray(), frame.stack.size(),
                frame.stack.toArray());
    }

    private static AbstractInsnNode intConstant(int value) {
        if (value <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + value);
        }
        return value <= Short.MAX_VALUE ? new IntInsnNode(Opcodes.SIPUSH, value) : new LdcInsnNode(value);
    }

    /** The first source line of {@code code}, or -1 without line numbers. */
    static int firstLine(InsnList code) {
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof LineNumberNode line) {
                return line.line;
            }
        }
        return -1;
    }

    // ---- the stub ---------------------------------------------------------------------------

    /**
     * The method itself now only creates its frame: one allocation per call. It has no line
     * numbers, so that a debugger's step into a call of it goes on into the body, where the
     * user's first line is, rather than stopping on code the user did not write.
     */
    private void writeStub() {
        InsnList stub = new InsnList();
        stub.add(new TypeInsnNode(Opcodes.NEW, frameClass));
        stub.add(new InsnNode(Opcodes.DUP));
        for (FrameLayout.Kept parameter : layout.parameters) {
            stub.add(new VarInsnNode(FrameType.loadOpcode(parameter.kind()), parameter.local()));
        }
        stub.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, frameClass, "<init>",
                FrameClassGenerator.constructorDescriptor(owner, method.desc, isStatic), false));
        stub.add(new InsnNode(Opcodes.ARETURN));
        method.instructions = stub;
        method.tryCatchBlocks = new ArrayList<>();
        method.localVariables = null;
    }
}
