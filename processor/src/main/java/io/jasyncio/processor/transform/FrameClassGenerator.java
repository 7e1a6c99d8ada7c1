package io.jasyncio.processor.transform;

import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Phase 8: the frame class of one {@code @Async} method: the object each call returns. It
 * extends {@code CoroutineFrame}, stores the call's arguments, holds the resume label and the
 * typed spill fields of the {@link FrameLayout}, and its {@code resume} calls the method's
 * rewritten body in the host class. For {@code Host.fetch(String)}:
 *
 * <pre>{@code
 * final class Host$$fetch$0 extends CoroutineFrame {
 *     int label;
 *     Object a0, a1; int i0;
 *     Host$$fetch$0(Host self, String url) { a0 = self; a1 = url; }
 *     protected Object resume(Object value, Throwable error) throws Throwable {
 *         return ((Host) a0).fetch((String) a1, this, value, error);  // the rewritten body
 *     }
 *     public String toString() { return "<coroutine Host.fetch>"; }
 *     public StackTraceElement location() {     // the line of the start, then of each await
 *         return new StackTraceElement("Host", "fetch", "Host.java", "\u0011\u0013".charAt(label));
 *     }
 * }
 * }</pre>
 */
final class FrameClassGenerator {
    static final String LABEL_FIELD = "label";
    /**
     * The label is a {@code short}: HotSpot lays a subclass's fields into the gap after the
     * base frame's last byte field, where a {@code short} fits and an {@code int} does not, so
     * an {@code int} label made many frames 8 bytes bigger (a task suspended in an
     * {@code @Async} method holds one frame per method it is in). A method cannot hold 32,767
     * awaits: each takes more than two bytes of a method's 65,535 bytes of code.
     */
    static final String LABEL_DESCRIPTOR = "S";
    /** How every body's descriptor ends: after the frame, {@code Object value, Throwable error) -> Object}. */
    static final String BODY_RETURN = ";Ljava/lang/Object;Ljava/lang/Throwable;)Ljava/lang/Object;";

    private FrameClassGenerator() {}

    /**
     * @param sourceFile the host's source file name, or null
     * @param lines the source line of each resume label (the method's first line, then each
     *     await's), one {@code char} per label
     * @param bodyHasHandlers whether the method has an exception handler (a catch, a finally, a
     *     try-with-resources): for a generator without one, a close runs nothing of its own
     */
    static byte[] generate(int classVersion, String frameClass, String host, boolean hostIsInterface,
                           String methodName, String methodDescriptor, boolean isStatic, FrameLayout layout,
                           String sourceFile, String lines, boolean generator, boolean bodyHasHandlers,
                           boolean bodyHasLoop) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        String superclass = generator ? RuntimeNames.GENERATOR_FRAME : RuntimeNames.FRAME;
        cw.visit(classVersion, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                frameClass, null, superclass, null);
        cw.visitSource(sourceFile, null);
        cw.visitField(0, LABEL_FIELD, LABEL_DESCRIPTOR, null, null).visitEnd();
        for (Map.Entry<String, String> field : layout.fields.entrySet()) {
            cw.visitField(0, field.getKey(), field.getValue(), null, null).visitEnd();
        }
        writeConstructor(cw, frameClass, superclass, host, methodDescriptor, isStatic, layout, bodyHasLoop);
        writeResume(cw, frameClass, host, hostIsInterface, methodName, methodDescriptor, isStatic, layout);
        if (!generator) {
            // a generator is stepped by its consumer, never awaited as a coroutine
            writeAwaitFrom(cw, frameClass, host, hostIsInterface, methodName, methodDescriptor, isStatic, layout);
        } else if (!bodyHasHandlers) {
            writeRunsNoCodeOnClose(cw);
        }
        writeToString(cw, host, methodName);
        writeLocation(cw, frameClass, host, methodName, sourceFile, lines);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * {@code runsCodeOnClose()} answering false: closing such a generator runs none of its
     * code, so its loop need not keep track of it to close it when shutting down.
     */
    private static void writeRunsNoCodeOnClose(ClassWriter cw) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, RuntimeNames.RUNS_CODE_ON_CLOSE,
                "()Z", null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** The constructor's parameters: the receiver, if any, then the method's own. */
    static String constructorDescriptor(String host, String methodDescriptor, boolean isStatic) {
        String parameters = methodDescriptor.substring(1, methodDescriptor.indexOf(')'));
        return "(" + (isStatic ? "" : "L" + host + ";") + parameters + ")V";
    }

    private static void writeConstructor(ClassWriter cw, String frameClass, String superclass, String host,
                                         String methodDescriptor, boolean isStatic, FrameLayout layout,
                                         boolean bodyHasLoop) {
        MethodVisitor mv = cw.visitMethod(0, "<init>", constructorDescriptor(host, methodDescriptor, isStatic), null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, superclass, "<init>", "()V", false);
        if (bodyHasLoop) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, frameClass, RuntimeNames.MARK_LOOP, "()V", false);
        }
        for (FrameLayout.Kept parameter : layout.parameters) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(FrameType.loadOpcode(parameter.kind()), parameter.local() + 1);
            mv.visitFieldInsn(Opcodes.PUTFIELD, frameClass, parameter.field(), parameter.descriptor());
        }
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@code resume} calls the body: a static method for a static {@code @Async} method, else an
     * instance method called on the receiver, so that in the body {@code this} is the user's
     * object. It has no line numbers, so a debugger stepping into it goes on into the body, and
     * it is synthetic, so an IDE that skips synthetic methods never stops in it.
     */
    private static void writeResume(ClassWriter cw, String frameClass, String host, boolean hostIsInterface,
                                    String methodName, String methodDescriptor, boolean isStatic, FrameLayout layout) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PROTECTED | Opcodes.ACC_SYNTHETIC, RuntimeNames.RESUME,
                RuntimeNames.RESUME_DESCRIPTOR, null, new String[] {RuntimeNames.THROWABLE});
        mv.visitCode();
        callBody(mv, frameClass, host, hostIsInterface, methodName, methodDescriptor, isStatic, layout, false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@code awaitFrom(caller)}: this coroutine awaited inline by {@code caller}'s method. It
     * calls the body directly, so that each coroutine awaited inline adds two Java frames (the
     * body and this), not three:
     * <pre>{@code
     * caller.startInline(this);
     * Object next;
     * try { next = <the body>(arguments, this, null, null); }
     * catch (Throwable t) { throw caller.inlineFailed(this, t); }
     * return caller.inlineReturned(this, next);
     * }</pre>
     */
    private static void writeAwaitFrom(ClassWriter cw, String frameClass, String host, boolean hostIsInterface,
                                       String methodName, String methodDescriptor, boolean isStatic, FrameLayout layout) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, RuntimeNames.AWAIT_FROM,
                RuntimeNames.AWAIT_FROM_DESCRIPTOR, null, null);
        mv.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, RuntimeNames.THROWABLE);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.FRAME, RuntimeNames.START_INLINE,
                RuntimeNames.START_INLINE_DESCRIPTOR, false);
        mv.visitLabel(start);
        callBody(mv, frameClass, host, hostIsInterface, methodName, methodDescriptor, isStatic, layout, true);
        mv.visitLabel(end);
        mv.visitVarInsn(Opcodes.ASTORE, 2);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.FRAME, RuntimeNames.INLINE_RETURNED,
                RuntimeNames.INLINE_RETURNED_DESCRIPTOR, false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitLabel(handler);
        mv.visitFrame(Opcodes.F_NEW, 2, new Object[] {frameClass, RuntimeNames.FRAME}, 1,
                new Object[] {RuntimeNames.THROWABLE});
        mv.visitVarInsn(Opcodes.ASTORE, 2);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.FRAME, RuntimeNames.INLINE_FAILED,
                RuntimeNames.INLINE_FAILED_DESCRIPTOR, false);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * Calls the body with the arguments from their fields, then the frame, and then either
     * {@code null, null} ({@code fresh}: a first step) or the {@code value, error} of resume.
     */
    private static void callBody(MethodVisitor mv, String frameClass, String host, boolean hostIsInterface,
                                 String methodName, String methodDescriptor, boolean isStatic, FrameLayout layout,
                                 boolean fresh) {
        for (FrameLayout.Kept parameter : layout.parameters) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, frameClass, parameter.field(), parameter.descriptor());
        }
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        if (fresh) {
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitInsn(Opcodes.ACONST_NULL);
        } else {
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
        }
        int invoke = isStatic ? Opcodes.INVOKESTATIC : hostIsInterface ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
        mv.visitMethodInsn(invoke, host, methodName, bodyDescriptor(frameClass, methodDescriptor), hostIsInterface);
    }

    private static void writeToString(ClassWriter cw, String host, String methodName) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "toString", "()Ljava/lang/String;", null, null);
        mv.visitCode();
        String simpleHost = host.substring(host.lastIndexOf('/') + 1);
        mv.visitLdcInsn("<coroutine " + simpleHost + "." + methodName + ">");
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void writeLocation(ClassWriter cw, String frameClass, String host, String methodName,
                                      String sourceFile, String lines) {
        String element = "java/lang/StackTraceElement";
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "location", "()L" + element + ";", null, null);
        mv.visitCode();
        mv.visitTypeInsn(Opcodes.NEW, element);
        mv.visitInsn(Opcodes.DUP);
        mv.visitLdcInsn(host.replace('/', '.'));
        mv.visitLdcInsn(methodName);
        if (sourceFile == null) {
            mv.visitInsn(Opcodes.ACONST_NULL);
        } else {
            mv.visitLdcInsn(sourceFile);
        }
        mv.visitLdcInsn(lines);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, frameClass, LABEL_FIELD, LABEL_DESCRIPTOR);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "charAt", "(I)C", false);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, element, "<init>",
                "(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;I)V", false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * The rewritten body's descriptor: the method's own parameters, so that a debugger shows
     * them as arguments, then {@code (Frame, Object value, Throwable error)}, returning Object.
     */
    static String bodyDescriptor(String frameClass, String methodDescriptor) {
        String parameters = methodDescriptor.substring(1, methodDescriptor.indexOf(')'));
        return "(" + parameters + "L" + frameClass + BODY_RETURN;
    }
}
