package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The bytecode pass: rewrites every {@code @Async} method of one class file into a resumable
 * state machine on the runtime's {@code CoroutineFrame} contract. It runs in phases, one file
 * each, in this order (the package's documentation says what each hands the next):
 * {@link PostponeNew}, {@link AwaitSiteAnalysis}, {@link LivenessAnalysis},
 * {@link KeepLocalsInScope} (on request), {@link FrameLayout}, {@link LocalScopes},
 * {@link MethodRewriter}, {@link FrameClassGenerator}, {@link Verification}.
 *
 * <pre>{@code
 * Map<String, byte[]> files = AsyncClassTransformer.transform(classFileBytes);
 * // {} if the class has no @Async method; else the rewritten class and one frame class per
 * // @Async method, keyed by binary name ("com.example.Host", "com.example.Host$$fetch$0")
 * }</pre>
 *
 * <p>The decision is made from the class file alone (an {@code @Async} annotation on a
 * method), so it needs nothing from the compilation that produced it, and loads no class. A
 * class it already rewrote is returned as it is (empty map), so weaving twice is harmless.
 */
public final class AsyncClassTransformer {
    private AsyncClassTransformer() {}

    /**
     * Rewrites the {@code @Async} methods of {@code classFile}.
     *
     * @return the files to write, by binary name: empty if there is nothing to rewrite
     * @throws TransformException naming the first method that cannot be rewritten
     */
    public static Map<String, byte[]> transform(byte[] classFile) throws TransformException {
        return transform(classFile, false);
    }

    /**
     * Rewrites the {@code @Async} methods of {@code classFile}; with {@code keepLocalsInScope}
     * (the processor's {@code -Ajasyncio.debug=true}), every local in scope at an await is kept
     * across it, for debugging.
     *
     * @return the files to write, by binary name: empty if there is nothing to rewrite
     * @throws TransformException naming the first method that cannot be rewritten, with one
     *     suppressed exception for each other such method of the class
     */
    public static Map<String, byte[]> transform(byte[] classFile, boolean keepLocalsInScope)
            throws TransformException {
        return transform(classFile, keepLocalsInScope, AsyncCloseSites.NONE);
    }

    /**
     * {@link #transform(byte[], boolean)}, with the try-with-resources blocks of the class's
     * source that close an {@code AsyncCloseable} (the processor finds them; {@link AsyncClose}
     * awaits their closes).
     */
    public static Map<String, byte[]> transform(byte[] classFile, boolean keepLocalsInScope, AsyncCloseSites closes)
            throws TransformException {
        ClassNode host = new ClassNode();
        new ClassReader(classFile).accept(host, ClassReader.EXPAND_FRAMES);
        if (alreadyRewritten(host)) {
            return Map.of();
        }
        boolean isInterface = (host.access & Opcodes.ACC_INTERFACE) != 0;
        Map<String, byte[]> frames = new LinkedHashMap<>();
        List<MethodNode> bodies = new ArrayList<>();
        int ordinal = 0;
        String lastMethod = null;
        List<TransformException> refused = new ArrayList<>();
        boolean anonymous = isAnonymous(host);
        for (MethodNode method : List.copyOf(host.methods)) {
            if (!isAsync(method) && !isCoroutineBody(method, anonymous, closes)) {
                continue;
            }
            lastMethod = method.name;
            String frameClass = host.name + "$$" + method.name + "$" + ordinal++;
            try {
                checkRewritable(host.name, method);
                bodies.add(rewriteMethod(host, isInterface, method, frameClass, keepLocalsInScope, closes, frames));
            } catch (TransformException e) {
                refused.add(e);
            } catch (RuntimeException | LinkageError e) {
                // A shape of bytecode the passes do not expect: refuse the method by name rather
                // than let the exception out (the processor would call it an internal error).
                refused.add(new TransformException(host.name, method.name, "its bytecode has a shape this pass"
                        + " cannot rewrite (" + e + "); please report it with the method's source. Until then,"
                        + " moving the await to a statement of its own (T x = await(...);) avoids it"));
            }
        }
        if (!refused.isEmpty()) {
            // Every refused method of the class is reported, not only the first.
            TransformException first = refused.get(0);
            refused.subList(1, refused.size()).forEach(first::addSuppressed);
            throw first;
        }
        if (lastMethod == null) {
            return Map.of();
        }
        host.methods.addAll(bodies);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        byte[] rewritten;
        try {
            host.accept(writer);
            rewritten = writer.toByteArray();
        } catch (MethodTooLargeException e) {
            throw new TransformException(host.name, e.getMethodName(), "once rewritten it is larger than the"
                    + " JVM's 64 KB limit for a method (each await keeps the values live across it): split it into"
                    + " smaller @Async methods");
        } catch (RuntimeException e) {
            throw new TransformException(host.name, lastMethod, "writing the rewritten class failed: " + e);
        }
        Verification.verify(rewritten, lastMethod);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(binaryName(host.name), rewritten);
        files.putAll(frames);
        return files;
    }

    /** Rewrites one {@code @Async} method: returns its body method and adds its frame class to {@code frames}. */
    private static MethodNode rewriteMethod(ClassNode host, boolean isInterface, MethodNode method, String frameClass,
                                            boolean keepLocalsInScope, AsyncCloseSites closes,
                                            Map<String, byte[]> frames)
            throws TransformException {
        boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
        String originalDescriptor = method.desc;
        boolean hasHandlers = !method.tryCatchBlocks.isEmpty();
        boolean hasLoop = BackwardJumps.any(method.instructions);
        AsyncClose.apply(method, closes);
        PostponeNew.apply(host.name, method);
        int firstLine = MethodRewriter.firstLine(method.instructions);
        List<AwaitSite> sites = AwaitSiteAnalysis.findSites(host.name, method);
        LivenessAnalysis.computeLiveLocals(host.name, method, sites);
        if (keepLocalsInScope) {
            KeepLocalsInScope.apply(method, sites);
        }
        FrameLayout layout = new FrameLayout(host.name, method, sites);
        LocalScopes.trim(host.name, method, sites, layout);
        MethodNode body = MethodRewriter.rewrite(host.name, isInterface, frameClass, method, sites, layout);
        byte[] frame = FrameClassGenerator.generate(host.version, frameClass, host.name, isInterface,
                method.name, originalDescriptor, isStatic, layout, host.sourceFile, lineTable(firstLine, sites),
                originalDescriptor.endsWith(RuntimeNames.GENERATOR_RETURN), hasHandlers, hasLoop);
        Verification.verify(frame, method.name);
        frames.put(binaryName(frameClass), frame);
        return body;
    }

    /** One {@code char} per resume label: the first line, then each site's (0 if unknown). */
    private static String lineTable(int firstLine, List<AwaitSite> sites) {
        StringBuilder lines = new StringBuilder().append(lineChar(firstLine));
        for (AwaitSite site : sites) {
            lines.append(lineChar(site.line));
        }
        return lines.toString();
    }

    private static char lineChar(int line) {
        return line > 0 && line <= Character.MAX_VALUE ? (char) line : 0;
    }

    /** A class this pass rewrote before has a body method taking one of its frames. */
    private static boolean alreadyRewritten(ClassNode host) {
        String frame = "L" + host.name + "$$";
        for (MethodNode method : host.methods) {
            if (method.desc.endsWith(FrameClassGenerator.BODY_RETURN) && method.desc.contains(frame)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An {@code @Async} method with a body of its own. javac copies the annotation onto the
     * bridge methods it generates for generic overrides; a bridge only casts and calls the real
     * method, which returns that method's frame, so it is left as it is.
     */
    static boolean isAsync(MethodNode method) {
        if ((method.access & Opcodes.ACC_BRIDGE) != 0) {
            return false;
        }
        if (method.invisibleAnnotations != null) {
            for (AnnotationNode annotation : method.invisibleAnnotations) {
                if (annotation.desc.equals(RuntimeNames.ASYNC_DESCRIPTOR)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A body that awaits without {@code @Async}: the compiler's method for a lambda whose
     * functional interface method returns a coroutine, or a coroutine method of an anonymous
     * class. The processor allows an await in no other method without {@code @Async}, so a
     * method returning {@code Coroutine} that calls {@code await} is one of these.
     */
    static boolean isCoroutineBody(MethodNode method, boolean inAnonymousClass, AsyncCloseSites closes) {
        if ((method.access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0
                || !method.desc.endsWith(RuntimeNames.COROUTINE_RETURN)) {
            return false;
        }
        boolean lambda = (method.access & Opcodes.ACC_SYNTHETIC) != 0 && method.name.startsWith("lambda$");
        if (!lambda && !(inAnonymousClass && (method.access & Opcodes.ACC_STATIC) == 0)) {
            return false;
        }
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof MethodInsnNode call && call.owner.equals(RuntimeNames.ASYNCIO)
                    && call.name.equals(RuntimeNames.AWAIT)) {
                return true;
            }
        }
        return AsyncClose.hasSites(method, closes);
    }

    /** Whether {@code host} is an anonymous class: its own InnerClasses entry has no simple name. */
    private static boolean isAnonymous(ClassNode host) {
        for (InnerClassNode inner : host.innerClasses) {
            if (inner.name.equals(host.name)) {
                return inner.innerName == null;
            }
        }
        return false;
    }

    private static void checkRewritable(String owner, MethodNode method) throws TransformException {
        if ((method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            throw new TransformException(owner, method.name, TransformException.Kind.NO_BODY, "it has no body (abstract or native)");
        }
        if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            throw new TransformException(owner, method.name, TransformException.Kind.SYNCHRONIZED,
                    "it is synchronized, and a coroutine cannot hold a monitor across its awaits");
        }
        if (!method.desc.endsWith(RuntimeNames.COROUTINE_RETURN) && !method.desc.endsWith(RuntimeNames.GENERATOR_RETURN)) {
            throw new TransformException(owner, method.name, TransformException.Kind.NOT_COROUTINE,
                    "it does not return io.jasyncio.Coroutine (or io.jasyncio.AsyncGenerator)");
        }
    }

    private static String binaryName(String internalName) {
        return internalName.replace('/', '.');
    }
}
