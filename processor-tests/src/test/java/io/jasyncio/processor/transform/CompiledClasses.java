package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.jasyncio.processor.AsyncProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles test sources in-process with javac and the jasyncio processor, as a user's build
 * would, and loads the resulting (rewritten) classes in a class loader of their own.
 */
final class CompiledClasses extends ClassLoader {
    private final Map<String, byte[]> classes;

    private CompiledClasses(Map<String, byte[]> classes) {
        super(CompiledClasses.class.getClassLoader());
        this.classes = classes;
    }

    /** Loads classes already built, by binary name (the bytecode pass's output, say). */
    static CompiledClasses of(Map<String, byte[]> classes) {
        return new CompiledClasses(classes);
    }

    /** Compiles the given sources; fails the test on any error. */
    static CompiledClasses compile(JavaFileObject... sources) {
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new AsyncProcessor())
                .withOptions("-g")
                .compile(sources);
        List<Diagnostic<? extends JavaFileObject>> errors = compilation.errors();
        assertEquals(List.of(), errors.stream().map(d -> d.getMessage(null)).toList(), "compilation errors");
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            String path = file.toUri().getPath();
            if (!path.endsWith(".class")) {
                continue;
            }
            String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
                    path.length() - ".class".length()).replace('/', '.');
            try (InputStream in = file.openInputStream()) {
                classes.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new CompiledClasses(classes);
    }

    /** Compiles the fixture {@code transform/<name>.java} from the test resources. */
    static CompiledClasses compileResource(String... names) {
        JavaFileObject[] sources = new JavaFileObject[names.length];
        for (int i = 0; i < names.length; i++) {
            sources[i] = JavaFileObjects.forResource("transform/" + names[i] + ".java");
        }
        return compile(sources);
    }

    byte[] bytes(String name) {
        return classes.get(name);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** Instantiates {@code className} with its no-argument constructor. */
    Object newInstance(String className) {
        try {
            return loadClass(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
