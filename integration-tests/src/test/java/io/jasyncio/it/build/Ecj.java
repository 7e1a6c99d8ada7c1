package io.jasyncio.it.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.core.compiler.batch.BatchCompiler;

/** ECJ, Eclipse's compiler, run in this JVM on the build tests' program. */
final class Ecj {
    /** The program's source, as a test resource. */
    static final String PROGRAM = "ecj/ecjdemo/Program.java";
    static final String EXPECTED_OUTPUT = "try finally two caught boom lambda 12 10";

    private Ecj() {}

    /** What a compilation printed, and whether it succeeded. */
    record Result(boolean succeeded, String output) {}

    /** Copies the program's source under {@code dir}; returns its path. */
    static Path writeProgram(Path dir) throws IOException {
        return writeSource(dir, PROGRAM);
    }

    /** Copies a source of the test resources ({@code ecj/<package>/<Class>.java}) under {@code dir}; returns its path. */
    static Path writeSource(Path dir, String resource) throws IOException {
        Path source = dir.resolve("src").resolve(resource.substring("ecj/".length()));
        Files.createDirectories(source.getParent());
        try (InputStream in = Ecj.class.getClassLoader().getResourceAsStream(resource)) {
            Files.write(source, in.readAllBytes());
        }
        return source;
    }

    /**
     * Compiles {@code source} into {@code out} for Java 17 against this JVM's class path; with
     * {@code processorPath} null, no annotation processing.
     */
    static Result compile(Path source, Path out, String processorPath) {
        List<String> arguments = new ArrayList<>(List.of("-17", "-encoding", "UTF-8", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path")));
        if (processorPath == null) {
            arguments.add("-proc:none");
        } else {
            arguments.addAll(List.of("-processorpath", processorPath, "-s", out.resolveSibling("generated").toString()));
        }
        arguments.add(source.toString());
        StringWriter output = new StringWriter();
        try (PrintWriter writer = new PrintWriter(output)) {
            boolean succeeded = BatchCompiler.compile(arguments.toArray(String[]::new), writer, writer, null);
            writer.flush();
            return new Result(succeeded, output.toString());
        }
    }
}
