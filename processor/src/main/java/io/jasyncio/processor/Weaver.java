package io.jasyncio.processor;

import io.jasyncio.processor.transform.AsyncClassTransformer;
import io.jasyncio.processor.transform.AsyncCloseSites;
import io.jasyncio.processor.transform.AsyncCloseableClasses;
import io.jasyncio.processor.transform.TransformException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The offline weaver: rewrites the {@code @Async} methods of every class file under a
 * directory, in place, for classes javac did not compile with the processor (ECJ and Eclipse
 * builds, other build tools' outputs). It runs the same bytecode pass as the processor; what
 * it cannot do is generate the await-site tables, which need the sources.
 *
 * <pre>
 * java -cp jasyncio-processor.jar:asm-*.jar io.jasyncio.processor.Weaver target/classes
 * </pre>
 *
 * Exits with status 1, naming each method (with its rule id, as the processor's messages), if
 * any {@code @Async} method cannot be rewritten; the other classes are woven all the same.
 * Running it twice is safe: the pass recognises a class it already rewrote and leaves it alone.
 */
public final class Weaver {
    private Weaver() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java io.jasyncio.processor.Weaver <classes directory>");
            System.exit(2);
        }
        List<String> failures = weave(Path.of(args[0]));
        failures.forEach(System.err::println);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /**
     * Weaves every class file under {@code classes}.
     *
     * @return one message per method that could not be rewritten; empty on success
     */
    public static List<String> weave(Path classes) {
        List<String> failures = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AsyncCloseSites closes = AsyncCloseSites.inBytecode(new AsyncCloseableClasses(
                name -> classFile(classes, name)));
        for (Path file : files) {
            // Each class on its own: one that cannot be woven never stops the others.
            try {
                weaveFile(classes, file, closes);
            } catch (TransformException e) {
                failures.add(Rule.of(e).format(e.getMessage()));
                for (Throwable other : e.getSuppressed()) {
                    if (other instanceof TransformException refused) {
                        failures.add(Rule.of(refused).format(refused.getMessage()));
                    }
                }
            } catch (IOException e) {
                failures.add(Rule.FILE_ACCESS.format("cannot weave " + file + ": " + e));
            } catch (RuntimeException e) {
                // Not a class file this pass can read (corrupt, or from a newer JDK than ASM knows).
                failures.add(Rule.CANNOT_REWRITE.format("cannot read " + file + " as a class file: " + e));
            }
        }
        return failures;
    }

    private static void weaveFile(Path root, Path file, AsyncCloseSites closes) throws IOException, TransformException {
        byte[] original = Files.readAllBytes(file);
        Map<String, byte[]> rewritten = AsyncClassTransformer.transform(original, false, closes);
        if (rewritten.isEmpty()) {
            return;
        }
        for (Map.Entry<String, byte[]> output : rewritten.entrySet()) {
            Files.write(root.resolve(output.getKey().replace('.', '/') + ".class"), output.getValue());
        }
    }

    /**
     * A class's file, from the directory being woven or else from the weaver's class path (the
     * program's, when it runs as the README shows), for telling which resources close by
     * awaiting; null if neither has it.
     */
    private static byte[] classFile(Path root, String internalName) {
        Path file = root.resolve(internalName + ".class");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
        } catch (IOException e) {
            return null;
        }
        return AsyncCloseableClasses.classFile(Weaver.class.getClassLoader(), internalName);
    }
}
