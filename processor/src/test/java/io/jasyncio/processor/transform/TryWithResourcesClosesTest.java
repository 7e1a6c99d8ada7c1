package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * {@link TryWithResourcesCloses} on methods built by hand in the shapes javac and ECJ give
 * {@code try (Resource r = ...) { use(r); if (b) return 1; r.close(); } ... r2.close();}: the
 * closes the compiler wrote are found, the user's own are not.
 */
class TryWithResourcesClosesTest {
    private static final String RESOURCE = "test/Resource";
    /** The resource's slot; the exceptions' slots follow. */
    private static final int R = 0;
    private static final int B = 1;

    /** Builds a method while noting which of its closes the compiler would have written. */
    private static final class Code {
        final MethodNode method = MethodBuilder.staticCoroutine("L" + RESOURCE + ";Z").build(3, 6);
        final InsnList code = method.instructions;
        final List<MethodInsnNode> written = new ArrayList<>();
        final List<MethodInsnNode> users = new ArrayList<>();

        /** Where the closes the compiler wrote are in the code, to compare with what was found. */
        List<Integer> writtenAt() {
            return written.stream().map(code::indexOf).toList();
        }

        List<Integer> foundAt() {
            return TryWithResourcesCloses.find(method).keySet().stream().map(code::indexOf).toList();
        }

        LabelNode label() {
            LabelNode label = new LabelNode();
            code.add(label);
            return label;
        }

        void insn(int opcode) {
            code.add(new InsnNode(opcode));
        }

        void var(int opcode, int slot) {
            code.add(new VarInsnNode(opcode, slot));
        }

        void jump(int opcode, LabelNode target) {
            code.add(new JumpInsnNode(opcode, target));
        }

        MethodInsnNode close(int slot) {
            var(Opcodes.ALOAD, slot);
            MethodInsnNode close = new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RESOURCE, "close", "()V", false);
            code.add(close);
            return close;
        }

        /** {@code [aload r; ifnull skip;] aload r; close} as the compiler writes it. */
        void writtenClose(boolean nullCheck) {
            LabelNode skip = new LabelNode();
            if (nullCheck) {
                var(Opcodes.ALOAD, R);
                jump(Opcodes.IFNULL, skip);
            }
            written.add(close(R));
            code.add(skip);
        }

        void addSuppressed(int to, int suppressed) {
            var(Opcodes.ALOAD, to);
            var(Opcodes.ALOAD, suppressed);
            code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/Throwable", "addSuppressed",
                    "(Ljava/lang/Throwable;)V", false));
        }

        /** ECJ's keeping of the first exception: {@code if (p == null) p = t; else if (p != t) p.addSuppressed(t);}. */
        void keepFirst(int primary, int thrown) {
            LabelNode distinct = new LabelNode();
            LabelNode done = new LabelNode();
            var(Opcodes.ALOAD, primary);
            jump(Opcodes.IFNONNULL, distinct);
            var(Opcodes.ALOAD, thrown);
            var(Opcodes.ASTORE, primary);
            jump(Opcodes.GOTO, done);
            code.add(distinct);
            var(Opcodes.ALOAD, primary);
            var(Opcodes.ALOAD, thrown);
            jump(Opcodes.IF_ACMPEQ, done);
            addSuppressed(primary, thrown);
            code.add(done);
        }

        void tryCatch(LabelNode start, LabelNode end, LabelNode handler, String type) {
            method.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, type));
        }

        /** The body, whose ranges are {@code [start, returnPath)} and {@code [elsePath, end)}. */
        LabelNode[] body() {
            LabelNode start = label();
            var(Opcodes.ALOAD, R);
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "test/Host", "use", "(Ljava/lang/Object;)V", false));
            var(Opcodes.ILOAD, B);
            LabelNode elsePath = new LabelNode();
            jump(Opcodes.IFEQ, elsePath);
            LabelNode returnPath = label();
            writtenClose(true);
            insn(Opcodes.ICONST_1);
            insn(Opcodes.IRETURN);
            code.add(elsePath);
            users.add(close(R)); // the user's own r.close() inside the block
            LabelNode end = label();
            return new LabelNode[] {start, returnPath, elsePath, end};
        }

        /** After the block: a close of a later variable in the resource's slot. */
        void after(LabelNode after) {
            code.add(after);
            users.add(close(R));
            insn(Opcodes.ICONST_0);
            insn(Opcodes.IRETURN);
        }
    }

    /** javac's shape: the handler's close in a range of its own, whose handler adds it as suppressed. */
    private static Code javac(boolean suppresses) {
        Code c = new Code();
        LabelNode[] body = c.body();
        LabelNode after = new LabelNode();
        c.writtenClose(true);
        c.jump(Opcodes.GOTO, after);
        LabelNode handler = c.label();
        c.var(Opcodes.ASTORE, 2);
        LabelNode rethrow = new LabelNode();
        c.var(Opcodes.ALOAD, R);
        c.jump(Opcodes.IFNULL, rethrow);
        LabelNode closeStart = c.label();
        c.written.add(c.close(R));
        LabelNode closeEnd = c.label();
        c.jump(Opcodes.GOTO, rethrow);
        LabelNode suppressHandler = c.label();
        c.var(Opcodes.ASTORE, 3);
        if (suppresses) {
            c.addSuppressed(2, 3);
        }
        c.code.add(rethrow);
        c.var(Opcodes.ALOAD, 2);
        c.insn(Opcodes.ATHROW);
        c.after(after);
        c.tryCatch(body[0], body[1], handler, "java/lang/Throwable");
        c.tryCatch(body[2], body[3], handler, "java/lang/Throwable");
        c.tryCatch(closeStart, closeEnd, suppressHandler, "java/lang/Throwable");
        return c;
    }

    @Test
    void javacsClosesAreFoundAndTheUsersAreNot() {
        Code c = javac(true);

        assertEquals(c.writtenAt(), c.foundAt());
        assertEquals(3, c.written.size());
        assertEquals(2, c.users.size());
    }

    @Test
    void aHandlerThatAddsNothingSuppressedIsTheUsersOwnCode() {
        Code c = javac(false);

        assertTrue(TryWithResourcesCloses.find(c.method).isEmpty());
    }

    /**
     * ECJ's shape: one "any" handler over the resource's whole use keeps the first exception in
     * a local (2) and adds any later one to it. The handler over the body closes at once for a
     * statement's last resource; for the others ({@code keepsFirst}), the body's exception is
     * first kept so, then the resource closed, and the kept one thrown.
     */
    private static Code ecj(boolean keepsFirst) {
        Code c = new Code();
        c.insn(Opcodes.ACONST_NULL);
        c.var(Opcodes.ASTORE, 2);
        LabelNode outerStart = c.label();
        LabelNode[] body = c.body();
        LabelNode after = new LabelNode();
        c.writtenClose(true);
        c.jump(Opcodes.GOTO, after);
        LabelNode handler = c.label();
        if (keepsFirst) {
            c.var(Opcodes.ASTORE, 3);
            c.keepFirst(2, 3);
        } else {
            c.var(Opcodes.ASTORE, 2);
        }
        c.writtenClose(true);
        c.var(Opcodes.ALOAD, 2);
        c.insn(Opcodes.ATHROW);
        LabelNode outerEnd = c.label();
        c.var(Opcodes.ASTORE, 3);
        c.keepFirst(2, 3);
        c.var(Opcodes.ALOAD, 2);
        c.insn(Opcodes.ATHROW);
        c.after(after);
        c.tryCatch(body[0], body[1], handler, null);
        c.tryCatch(body[2], body[3], handler, null);
        c.tryCatch(outerStart, outerEnd, outerEnd, null);
        return c;
    }

    @Test
    void ecjsClosesAreFound() {
        Code c = ecj(false);

        assertEquals(c.writtenAt(), c.foundAt());
    }

    @Test
    void ecjsFirstResourceIsClosedAfterTheExceptionIsKeptAndGetsTheKeptOne() {
        Code c = ecj(true);

        Map<MethodInsnNode, Integer> found = TryWithResourcesCloses.find(c.method);
        assertEquals(c.writtenAt(), c.foundAt());
        assertEquals(TryWithResourcesCloses.NO_FAILURE, found.get(c.written.get(0)));
        assertEquals(TryWithResourcesCloses.NO_FAILURE, found.get(c.written.get(1)));
        assertEquals(2, found.get(c.written.get(2)), "the kept exception goes to aclose");
    }

    @Test
    void aFinallyInsideTheBlockThatClosesAnotherResourceIsNotTaken() {
        // try (r) { try { ... } finally { other.close(); } }: the finally's handler stores and
        // closes as a block's does, inside the block's range, whose handler reaches an
        // addSuppressed, but of another exception than the one the finally stored.
        Code c = new Code();
        int other = 4;
        LabelNode start = c.label();
        LabelNode finallyStart = c.label();
        c.insn(Opcodes.NOP);
        LabelNode finallyEnd = c.label();
        c.users.add(c.close(other)); // the finally, on the way out of its try
        LabelNode afterFinally = new LabelNode();
        c.jump(Opcodes.GOTO, afterFinally);
        LabelNode finallyHandler = c.label();
        c.var(Opcodes.ASTORE, 5);
        c.users.add(c.close(other));
        c.var(Opcodes.ALOAD, 5);
        c.insn(Opcodes.ATHROW);
        c.code.add(afterFinally);
        LabelNode end = c.label();
        LabelNode after = new LabelNode();
        c.writtenClose(false);
        c.jump(Opcodes.GOTO, after);
        LabelNode handler = c.label();
        c.var(Opcodes.ASTORE, 2);
        LabelNode closeStart = c.label();
        c.written.add(c.close(R));
        LabelNode closeEnd = c.label();
        LabelNode rethrow = new LabelNode();
        c.jump(Opcodes.GOTO, rethrow);
        LabelNode suppressHandler = c.label();
        c.var(Opcodes.ASTORE, 3);
        c.addSuppressed(2, 3);
        c.code.add(rethrow);
        c.var(Opcodes.ALOAD, 2);
        c.insn(Opcodes.ATHROW);
        c.after(after);
        c.tryCatch(finallyStart, finallyEnd, finallyHandler, null);
        c.tryCatch(start, end, handler, "java/lang/Throwable");
        c.tryCatch(closeStart, closeEnd, suppressHandler, "java/lang/Throwable");

        assertEquals(c.writtenAt(), c.foundAt());
    }

    @Test
    void inBytecodeTheClosesOfAsyncCloseablesBecomeAwaits() {
        Code c = javac(true);
        AbstractInsnNode receiver = Instructions.previous(c.written.get(2)); // the handler's aload r

        AsyncClose.apply(c.method, AsyncCloseSites.inBytecode(RESOURCE::equals));

        int awaits = 0;
        for (AbstractInsnNode insn = c.code.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof MethodInsnNode call && call.name.equals("aclose")) {
                awaits++;
            }
        }
        assertEquals(3, awaits);
        for (MethodInsnNode user : c.users) {
            assertTrue(c.code.contains(user), "the user's own close stays");
        }
        // the handler's close hands the stored exception to aclose
        AbstractInsnNode cast = Instructions.next(receiver);
        assertEquals(Opcodes.CHECKCAST, cast.getOpcode());
        AbstractInsnNode afterLoad = Instructions.next(cast);
        assertEquals(Opcodes.ALOAD, afterLoad.getOpcode());
        assertEquals(2, ((VarInsnNode) afterLoad).var);
        assertEquals("(Ljava/lang/Throwable;)Lio/jasyncio/Awaitable;",
                ((MethodInsnNode) Instructions.next(afterLoad)).desc);
    }

    @Test
    void inBytecodeTheClosesOfOtherClassesStay() {
        Code c = javac(true);

        AsyncClose.apply(c.method, AsyncCloseSites.inBytecode(name -> false));

        for (MethodInsnNode close : c.written) {
            assertTrue(c.code.contains(close));
        }
    }
}
