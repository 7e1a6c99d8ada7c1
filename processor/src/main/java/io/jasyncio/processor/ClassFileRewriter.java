package io.jasyncio.processor;

import io.jasyncio.processor.transform.AsyncClassTransformer;
import io.jasyncio.processor.transform.AsyncCloseSites;
import io.jasyncio.processor.transform.TransformException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Rewrites one class file that javac has just written: reads it through the {@link Filer},
 * lets {@link AsyncClassTransformer} rewrite its {@code @Async} methods (deciding from the
 * class file itself, so classes javac compiled implicitly are covered too), and writes the
 * result back once, with the frame classes the rewrite produced. A method the transform cannot
 * rewrite is a compile error on that method.
 */
final class ClassFileRewriter {
    private final Filer filer;
    private final Elements elements;
    private final AsyncMethodTrees methodTrees;
    private final boolean keepLocalsInScope;
    private final Function<TypeElement, AsyncCloseSites> closes;

    ClassFileRewriter(ProcessingEnvironment env, AsyncMethodTrees methodTrees,
            Function<TypeElement, AsyncCloseSites> closes) {
        this.closes = closes;
        this.keepLocalsInScope = "true".equalsIgnoreCase(env.getOptions().get(AsyncProcessor.DEBUG_OPTION));
        this.methodTrees = methodTrees;
        this.filer = env.getFiler();
        this.elements = env.getElementUtils();
    }

    void rewrite(TypeElement type) {
        String packageName = elements.getPackageOf(type).getQualifiedName().toString();
        String binaryName = elements.getBinaryName(type).toString();
        byte[] original;
        try {
            original = read(packageName, fileName(packageName, binaryName));
        } catch (FileNotFoundException | NoSuchFileException notWritten) {
            // javac wrote no class file: it stops generating once the compilation has an error,
            // which it has reported; there is nothing to rewrite and nothing that could run.
            return;
        } catch (IOException e) {
            error(Rule.FILE_ACCESS, type, "cannot read the class file of " + binaryName + ": " + e.getMessage());
            return;
        }
        Map<String, byte[]> rewritten;
        try {
            rewritten = AsyncClassTransformer.transform(original, keepLocalsInScope, closes.apply(type));
        } catch (TransformException e) {
            error(Rule.of(e), findMethod(type, e.methodName()), e.getMessage());
            for (Throwable other : e.getSuppressed()) {
                if (other instanceof TransformException refused) {
                    error(Rule.of(refused), findMethod(type, refused.methodName()), refused.getMessage());
                }
            }
            return;
        }
        for (Map.Entry<String, byte[]> file : rewritten.entrySet()) {
            try {
                if (file.getKey().equals(binaryName)) {
                    overwrite(packageName, fileName(packageName, binaryName), file.getValue());
                } else {
                    write(packageName, fileName(packageName, file.getKey()), file.getValue());
                }
            } catch (IOException e) {
                error(Rule.FILE_ACCESS, type, "cannot write " + file.getKey() + ".class: " + e.getMessage());
            }
        }
    }

    private static String fileName(String packageName, String binaryName) {
        String simple = packageName.isEmpty() ? binaryName : binaryName.substring(packageName.length() + 1);
        return simple + ".class";
    }

    private byte[] read(String packageName, String fileName) throws IOException {
        FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, packageName, fileName);
        try (InputStream in = file.openInputStream()) {
            return in.readAllBytes();
        }
    }

    /**
     * Replaces the class file javac has just written. Where it is a file on disk, in place:
     * creating it again through the Filer would have javac 25's {@code -Xlint:output-file-clash}
     * warn of every rewritten class (an error under {@code -Werror}). Elsewhere (an in-memory
     * file manager), through the Filer.
     */
    private void overwrite(String packageName, String fileName, byte[] bytes) throws IOException {
        FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, packageName, fileName);
        URI uri = file.toUri();
        if ("file".equals(uri.getScheme())) {
            Files.write(Path.of(uri), bytes);
        } else {
            write(packageName, fileName, bytes);
        }
    }

    private void write(String packageName, String fileName, byte[] bytes) throws IOException {
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, packageName, fileName);
        try (OutputStream out = file.openOutputStream()) {
            out.write(bytes);
        }
    }

    /** The method the error is about, so that the diagnostic points at it; else the class. */
    private static Element findMethod(TypeElement type, String methodName) {
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(methodName)) {
                return member;
            }
        }
        return type;
    }

    private void error(Rule rule, Element element, String message) {
        methodTrees.reportError(rule, element, message);
    }
}
