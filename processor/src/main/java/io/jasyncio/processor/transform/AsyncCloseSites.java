package io.jasyncio.processor.transform;

import java.util.HashSet;
import java.util.Set;

/**
 * Where a source file's try-with-resources blocks close an {@code AsyncCloseable}, as the
 * processor found them in the source: the lines javac gives the {@code close()} calls it writes
 * for those blocks (the {@code try} line, for the exits by an exception, and the line of the
 * block's closing brace, for the others), and the classes those calls name. {@link AsyncClose}
 * turns exactly those calls into awaits of {@code aclose()}. The weaver and the agent, which
 * have no source, pass {@link #NONE}: there, such a close throws, saying why.
 */
public final class AsyncCloseSites {
    /** No block that closes an {@code AsyncCloseable}. */
    public static final AsyncCloseSites NONE = new AsyncCloseSites();

    final Set<Integer> lines = new HashSet<>();
    final Set<String> owners = new HashSet<>();

    /** Adds a block: its {@code try} line, its closing brace's line, and the resource's class (binary name). */
    public void add(int tryLine, int endLine, String resourceClass) {
        if (this == NONE) {
            throw new UnsupportedOperationException("NONE holds no sites");
        }
        lines.add(tryLine);
        lines.add(endLine);
        owners.add(resourceClass.replace('.', '/'));
    }

    /** Whether a close on {@code line} would be taken for one that a block makes. */
    public boolean coversLine(int line) {
        return lines.contains(line);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }
}
