package io.jasyncio.processor.transform;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Where a class's try-with-resources blocks close an {@code AsyncCloseable}: {@link AsyncClose}
 * turns exactly those {@code close()} calls into awaits of {@code aclose()}.
 *
 * <p>The processor reads them off the source: the lines javac gives the {@code close()} calls
 * it writes for those blocks (the {@code try} line, for the exits by an exception, and the line
 * of the block's closing brace, for the others), and the classes those calls name. The weaver
 * and the agent, which have no source, use {@link #inBytecode}: the blocks are recognized by
 * the shape javac and ECJ give them ({@link TryWithResourcesCloses}), and the resource's class
 * by its class file.
 */
public final class AsyncCloseSites {
    /** No block that closes an {@code AsyncCloseable}. */
    public static final AsyncCloseSites NONE = new AsyncCloseSites(null);

    final Set<Integer> lines = new HashSet<>();
    final Set<String> owners = new HashSet<>();
    /** Set when the blocks are recognized in the bytecode: whether a class (internal name) is an {@code AsyncCloseable}. */
    private final Predicate<String> asyncCloseable;

    /** Sites the processor adds, one block at a time, from the source. */
    public AsyncCloseSites() {
        this(null);
    }

    private AsyncCloseSites(Predicate<String> asyncCloseable) {
        this.asyncCloseable = asyncCloseable;
    }

    /**
     * The blocks recognized in the bytecode, for the weaver and the agent.
     *
     * @param asyncCloseable whether a class, by internal name, implements {@code AsyncCloseable}
     */
    public static AsyncCloseSites inBytecode(Predicate<String> asyncCloseable) {
        return new AsyncCloseSites(asyncCloseable);
    }

    /** Adds a block: its {@code try} line, its closing brace's line, and the resource's class (binary name). */
    public void add(int tryLine, int endLine, String resourceClass) {
        if (this == NONE || asyncCloseable != null) {
            throw new UnsupportedOperationException("only sites read off the source take blocks");
        }
        lines.add(tryLine);
        lines.add(endLine);
        owners.add(resourceClass.replace('.', '/'));
    }

    /** Whether a close on {@code line} would be taken for one that a block makes. */
    public boolean coversLine(int line) {
        return lines.contains(line);
    }

    /**
     * The closes of {@code method} that end a block on an {@code AsyncCloseable}, in code order,
     * each with the local holding the exception in flight where the block is left by one
     * ({@link TryWithResourcesCloses#NO_FAILURE} where it is not), or null where the close's
     * place must tell.
     */
    Map<MethodInsnNode, Integer> closesIn(MethodNode method) {
        Map<MethodInsnNode, Integer> closes = new LinkedHashMap<>();
        if (asyncCloseable != null) {
            TryWithResourcesCloses.find(method).forEach((close, failure) -> {
                if (asyncCloseable.test(close.owner)) {
                    closes.put(close, failure);
                }
            });
            return closes;
        }
        if (lines.isEmpty()) {
            return closes;
        }
        int line = -1;
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof LineNumberNode number) {
                line = number.line;
            } else if (insn instanceof MethodInsnNode call && lines.contains(line) && owners.contains(call.owner)
                    && TryWithResourcesCloses.isClose(call)) {
                closes.put(call, null);
            }
        }
        return closes;
    }
}
