package io.jasyncio.benchmarks;

import io.jasyncio.processor.Weaver;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Not JMH: what the weaver and the agent cost, run once each per round.
 *
 * <pre>
 * java -cp benchmarks.jar io.jasyncio.benchmarks.BuildToolsHarness weave CLASSES_DIR ROUNDS
 * java -cp benchmarks.jar io.jasyncio.benchmarks.BuildToolsHarness agent AGENT_JAR RUNS
 * </pre>
 *
 * <ul>
 *   <li>{@code weave}: copies a directory of class files compiled without the processor and
 *       weaves the copy, {@code ROUNDS} times in this JVM (the first round is a cold JVM's);
 *       prints each round's milliseconds;</li>
 *   <li>{@code agent}: generates a program of 5,000 classes without {@code @Async} (each with a
 *       few methods and constants) whose main loads them all, then runs it in child JVMs,
 *       alternating without and with {@code -javaagent:AGENT_JAR}, {@code RUNS} times each;
 *       prints the median wall time of each and the ratio.</li>
 * </ul>
 */
public final class BuildToolsHarness {
    static final int CLASSES = 5_000;

    private BuildToolsHarness() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "weave" -> weave(Path.of(args[1]), Integer.parseInt(args[2]));
            case "agent" -> agent(Path.of(args[1]), Integer.parseInt(args[2]));
            case "load" -> load();
            default -> throw new IllegalArgumentException("weave or agent: " + args[0]);
        }
    }

    private static void weave(Path classes, int rounds) throws IOException {
        long files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).count();
        }
        for (int round = 1; round <= rounds; round++) {
            Path copy = Files.createTempDirectory("weave");
            copyTree(classes, copy);
            long start = System.nanoTime();
            List<String> failures = Weaver.weave(copy);
            long took = System.nanoTime() - start;
            System.out.printf(Locale.ROOT, "weave round %d: %d class files in %.1f ms, %d failures%n",
                    round, files, took / 1e6, failures.size());
            deleteTree(copy);
        }
    }

    private static void agent(Path agentJar, int runs) throws Exception {
        Path program = Files.createTempDirectory("agent-startup");
        try {
            generateProgram(program);
            String classPath = program + File.pathSeparator
                    + Path.of(BuildToolsHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<Long> plain = new ArrayList<>();
            List<Long> withAgent = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                plain.add(runChild(List.of("-cp", classPath, BuildToolsHarness.class.getName(), "load")));
                withAgent.add(runChild(List.of("-javaagent:" + agentJar, "-cp", classPath,
                        BuildToolsHarness.class.getName(), "load")));
            }
            double plainMs = Median.of(plain.stream().mapToDouble(Long::doubleValue).toArray()) / 1e6;
            double agentMs = Median.of(withAgent.stream().mapToDouble(Long::doubleValue).toArray()) / 1e6;
            System.out.printf(Locale.ROOT, "%d classes loaded, median of %d runs: without the agent %.1f ms,"
                    + " with it %.1f ms, +%.1f%%%n", CLASSES, runs, plainMs, agentMs, (agentMs / plainMs - 1) * 100);
        } finally {
            deleteTree(program);
        }
    }

    /** The child's main: loads every generated class. */
    private static void load() throws ClassNotFoundException {
        for (int i = 0; i < CLASSES; i++) {
            Class.forName("gen.C" + i, false, BuildToolsHarness.class.getClassLoader());
        }
    }

    private static long runChild(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(arguments);
        long start = System.nanoTime();
        Process child = new ProcessBuilder(command).inheritIO().start();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new IllegalStateException("the child did not end: " + command);
        }
        long took = System.nanoTime() - start;
        if (child.exitValue() != 0) {
            throw new IllegalStateException("the child failed: " + command);
        }
        return took;
    }

    /** {@code gen.C0} to {@code gen.C4999}: each with five methods, strings and numbers, no {@code @Async}. */
    private static void generateProgram(Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("gen"));
        for (int i = 0; i < CLASSES; i++) {
            ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
            writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/C" + i, null, "java/lang/Object", null);
            for (int m = 0; m < 5; m++) {
                MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "m" + m,
                        "(Ljava/lang/String;J)Ljava/lang/String;", null, null);
                method.visitCode();
                method.visitVarInsn(Opcodes.ALOAD, 0);
                method.visitLdcInsn("constant " + i + "." + m);
                method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "concat",
                        "(Ljava/lang/String;)Ljava/lang/String;", false);
                method.visitLdcInsn((long) i * 31 + m);
                method.visitInsn(Opcodes.POP2);
                method.visitInsn(Opcodes.ARETURN);
                method.visitMaxs(0, 0);
                method.visitEnd();
            }
            writer.visitEnd();
            Files.write(dir.resolve("C" + i + ".class"), writer.toByteArray());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
