package io.jasyncio.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.JavacTask;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The jasyncio annotation processor: checks every {@code @Async} method and every
 * {@code await}, and has each class file that holds {@code @Async} methods rewritten into
 * resumable state machines as soon as javac has written it.
 *
 * <p>The work happens in a {@link AsyncTaskListener} registered with javac: checks when a
 * class has been attributed (so calls are resolved), the rewrite when its class file has been
 * generated. Both also run for sources javac compiles implicitly, which never reach
 * {@link #process}. The processor claims no annotation and supports them all ({@code "*"}),
 * so that it is initialized for every compilation, with or without {@code @Async} in it.
 *
 * <p>Under a compiler that is not javac (ECJ, or a wrapped javac this cannot unwrap) nothing
 * can be rewritten, and every {@code @Async} method is reported as an error rather than left
 * to fail at run time.
 */
@AutoService(Processor.class)
public final class AsyncProcessor extends AbstractProcessor {
    static final String ASYNC = "io.jasyncio.Async";

    private boolean underJavac;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        JavacTask task;
        try {
            task = JavacTask.instance(env);
        } catch (IllegalArgumentException | LinkageError notJavac) {
            return;
        }
        task.addTaskListener(new AsyncTaskListener(env, task));
        underJavac = true;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (!underJavac) {
            TypeElement async = processingEnv.getElementUtils().getTypeElement(ASYNC);
            if (async != null) {
                for (Element method : round.getElementsAnnotatedWith(async)) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                            "[jasyncio] @Async method " + method + " cannot be rewritten: this compiler ("
                                    + processingEnv.getClass().getName() + ") is not javac. Compile with javac,"
                                    + " or weave the compiled classes with the jasyncio weaver.",
                            method);
                }
            }
        }
        return false;
    }
}
