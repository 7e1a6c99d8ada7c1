package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * The shapes the pass gives async iteration: {@code await(it.hasNext())} asks an iterator that
 * can answer at once and skips the await on a true, {@code await(emit(v))} goes straight to its
 * suspension, and a reference kept across a suspension is stored only when its field does not
 * hold it already. Each shape is checked in the bytecode and run.
 */
class IterationTest {
    private static final CompiledClasses CLASSES = CompiledClasses.compileResource("Iteration");
    private final EventLoop loop = EventLoop.newVirtualTimeLoop();
    private final Object fixture = CLASSES.newInstance("fixtures.Iteration");

    @AfterEach
    void close() {
        loop.close();
    }

    private Object call(String name, Class<?>[] types, Object... args) throws Exception {
        return fixture.getClass().getMethod(name, types).invoke(fixture, args);
    }

    @SuppressWarnings("unchecked")
    private Coroutine<String> joined(Object iterator) throws Exception {
        return (Coroutine<String>) call("joined", new Class<?>[] {io.jasyncio.AsyncIterator.class}, iterator);
    }

    private Object words(List<String> words, int waitAt, Future<Void> gate) throws Exception {
        return call("words", new Class<?>[] {List.class, int.class, Future.class}, words, waitAt, gate);
    }

    /** The body method of {@code name} (the one taking its frame), as the pass wrote it. */
    private static MethodNode body(String name) {
        ClassNode host = new ClassNode();
        new ClassReader(CLASSES.bytes("fixtures.Iteration")).accept(host, 0);
        return host.methods.stream()
                .filter(m -> m.name.equals(name) && m.desc.contains("Lfixtures/Iteration$$"))
                .findFirst().orElseThrow();
    }

    private static List<String> calls(MethodNode method) {
        List<String> calls = new ArrayList<>();
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof MethodInsnNode call) {
                calls.add(call.owner + "." + call.name);
            }
        }
        return calls;
    }

    @Test
    void aGeneratorsValuesReachTheLoopThatAwaitsHasNext() throws Exception {
        Object generator = words(List.of("a", "b", "c"), -1, null);
        assertEquals("a;ab;abc;", loop.runUntilComplete(joined(generator)));
    }

    @Test
    void aGeneratorThatWaitsBetweenValuesHasItsConsumerWaitToo() throws Exception {
        Future<Void> gate = loop.createFuture();
        Object generator = words(List.of("a", "b", "c"), 2, gate);
        Task<String> consumer = loop.createTask(joined(generator));
        loop.callLater(5, () -> gate.setResult(null));
        assertEquals("a;ab;abc;", loop.runUntilComplete(consumer));
        assertEquals(5.0, loop.time(), "the consumer went on when the generator's future was done");
    }

    @Test
    void anIteratorThatCannotAnswerAtOnceIsAwaitedAsBefore() throws Exception {
        Class<?> countdown = CLASSES.loadClass("fixtures.Iteration$Countdown");
        Object iterator = countdown.getConstructor(int.class).newInstance(3);
        assertEquals("n3;n2;n1;", loop.runUntilComplete(joined(iterator)));
        assertEquals(4, countdown.getField("asked").getInt(iterator));
    }

    @Test
    void theLoopConditionAsksTheIteratorForAnAnswerAtOnceBeforeItsHasNext() {
        List<String> calls = calls(body("joined"));
        int eager = calls.indexOf("io/jasyncio/internal/EagerIterator.hasNextNow");
        int plain = calls.indexOf("io/jasyncio/AsyncIterator.hasNext");
        assertTrue(eager >= 0 && plain > eager, calls.toString());
    }

    @Test
    void aTrueAnswerSkipsTheUnboxingOfTheLoopCondition() {
        JumpInsnNode skip = jumpOnTrueAnswer(body("joined"));
        assertEquals(Opcodes.ICONST_1, realBefore(skip).getOpcode(), "the answer is pushed as a boolean");
        AbstractInsnNode unbox = realBefore(skip.label);
        assertTrue(unbox instanceof MethodInsnNode call && call.owner.equals("java/lang/Boolean")
                && call.name.equals("booleanValue"), "the jump lands just after the unboxing");
    }

    @Test
    void aTrueAnswerKeptBoxedGoesOnAsTheAwaitsValue() throws Exception {
        JumpInsnNode skip = jumpOnTrueAnswer(body("joinedBoxed"));
        assertTrue(realAfter(skip.label) instanceof TypeInsnNode cast && cast.getOpcode() == Opcodes.CHECKCAST
                && cast.desc.equals("java/lang/Boolean"), "the Boolean itself goes on, to be cast and kept");
        Object generator = words(List.of("a", "b"), -1, null);
        Object joined = call("joinedBoxed", new Class<?>[] {io.jasyncio.AsyncIterator.class}, generator);
        assertEquals("a;ab;", loop.runUntilComplete((Coroutine<?>) joined));
    }

    /** The jump a true answer of {@code hasNextNow} takes past the await. */
    private static JumpInsnNode jumpOnTrueAnswer(MethodNode method) {
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof MethodInsnNode call && call.name.equals("hasNextNow")) {
                for (AbstractInsnNode next = insn.getNext(); next != null; next = next.getNext()) {
                    if (next instanceof JumpInsnNode jump && jump.getOpcode() == Opcodes.GOTO) {
                        return jump;
                    }
                }
            }
        }
        throw new AssertionError("no eager hasNext in " + method.name);
    }

    private static AbstractInsnNode realBefore(AbstractInsnNode insn) {
        AbstractInsnNode previous = insn.getPrevious();
        while (previous.getOpcode() < 0) {
            previous = previous.getPrevious();
        }
        return previous;
    }

    private static AbstractInsnNode realAfter(AbstractInsnNode insn) {
        AbstractInsnNode next = insn.getNext();
        while (next.getOpcode() < 0) {
            next = next.getNext();
        }
        return next;
    }

    @Test
    void anEmitsAwaitGoesStraightToItsSuspension() {
        List<String> calls = calls(body("words"));
        assertEquals(1, calls.stream().filter(c -> c.equals("io/jasyncio/Future.done")).count(),
                "only the await of the gate tests for a done future: " + calls);
        assertTrue(calls.contains("io/jasyncio/internal/GeneratorFrame.emitValue"), calls.toString());
    }

    @Test
    void aReferenceKeptAcrossASuspensionIsStoredOnlyWhenItsFieldDoesNotHoldIt() {
        int guarded = 0;
        int unguarded = 0;
        for (AbstractInsnNode insn = body("words").instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof FieldInsnNode write && write.getOpcode() == Opcodes.PUTFIELD
                    && (write.desc.startsWith("L") || write.desc.startsWith("["))) {
                // aload frame; getfield f; aload local; if_acmpeq kept; aload frame; aload local; putfield f
                AbstractInsnNode jump = write.getPrevious().getPrevious().getPrevious();
                AbstractInsnNode read = jump.getPrevious().getPrevious();
                if (jump instanceof JumpInsnNode j && j.getOpcode() == Opcodes.IF_ACMPEQ
                        && read instanceof FieldInsnNode r && r.getOpcode() == Opcodes.GETFIELD
                        && r.name.equals(write.name)) {
                    guarded++;
                } else {
                    unguarded++;
                }
            }
        }
        // The StringBuilder is kept across both awaits, the gate's and the emit's.
        assertEquals(2, guarded, "guarded reference stores");
        assertEquals(0, unguarded, "unguarded reference stores");
    }
}
