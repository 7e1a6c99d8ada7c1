package io.jasyncio.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Lines of a scenario's source file, found by their text, so that a test's expected line
 * numbers come from the source itself. Maven runs tests in the module's directory, where
 * {@code src/main/java} is.
 */
public final class SourceLines {
    private final String fileName;
    private final List<String> lines;

    public SourceLines(Class<?> scenario) {
        String relative = scenario.getName().replace('.', '/') + ".java";
        Path file = Path.of("src/main/java", relative);
        if (!Files.exists(file)) {
            file = Path.of("src/test/java", relative); // a test that marks lines of its own
        }
        try {
            this.lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.fileName = file.getFileName().toString();
    }

    public String fileName() {
        return fileName;
    }

    /** The 1-based line holding the marker comment {@code // @marker}; fails unless exactly one does. */
    public int marker(String marker) {
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.indexOf("// @" + marker);
            if (at >= 0 && line.substring(at + 4 + marker.length()).isBlank()) {
                if (found >= 0) {
                    throw new IllegalArgumentException("marker @" + marker + " twice in " + fileName);
                }
                found = i + 1;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("no marker @" + marker + " in " + fileName);
        }
        return found;
    }

    /** The first line holding {@code text} after the declaration of {@code method}. */
    public int lineIn(String method, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(".*\\b" + method + "\\(.*\\{\\s*")) {
                for (int j = i + 1; j < lines.size(); j++) {
                    if (lines.get(j).contains(text)) {
                        return j + 1;
                    }
                }
            }
        }
        throw new IllegalArgumentException("no " + text + " in " + method + " of " + fileName);
    }
}
