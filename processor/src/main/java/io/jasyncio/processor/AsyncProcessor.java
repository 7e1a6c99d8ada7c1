package io.jasyncio.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The jasyncio annotation processor: checks every {@code @Async} method and every
 * {@code await}, and has each class file that holds {@code @Async} methods rewritten into
 * resumable state machines as soon as javac has written it.
 *
 * <p>The work happens in a {@link CompilationListener} registered with javac: checks when a
 * class has been attributed (so calls are resolved), the rewrite when its class file has been
 * generated. Both also run for sources javac compiles implicitly, which never reach
 * {@link #process}. The processor claims no annotation and supports them all ({@code "*"}),
 * so that it is initialized for every compilation, with or without {@code @Async} in it.
 *
 * <p>In {@link #process}, it writes each class's await-site table ({@link AwaitSiteTableWriter}).
 *
 * <p>Build tools that wrap javac's processing environment (IntelliJ IDEA's own build, Gradle,
 * kapt) are seen through ({@link JavacEnvironments}). Under a compiler that is not javac (ECJ,
 * or a wrapped javac this cannot unwrap) nothing
 * can be rewritten, and every {@code @Async} method is reported as an error rather than left
 * to fail at run time.
 */
@AutoService(Processor.class)
public final class AsyncProcessor extends AbstractProcessor {
    static final String ASYNC = "io.jasyncio.Async";

    private boolean underJavac;
    private Reporter reporter;
    private AwaitSiteTableWriter tables;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    /**
     * {@code -Ajasyncio.debug=true}: keep every local in scope alive across each await, so a
     * debugger shows all of them after a suspension (at the cost of bigger frames).
     */
    static final String DEBUG_OPTION = "jasyncio.debug";

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(DEBUG_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        ProcessingEnvironment javac = JavacEnvironments.unwrap(env);
        JavacTask task;
        try {
            task = JavacTask.instance(javac);
        } catch (IllegalArgumentException | LinkageError notJavac) {
            reporter = new Reporter(env.getMessager(), null);
            return;
        }
        reporter = new Reporter(env.getMessager(), Trees.instance(javac));
        // javac's own objects come from the unwrapped environment; the Filer and Messager stay
        // the ones given, which an IDE's build wraps to track what is generated.
        task.addTaskListener(new CompilationListener(env, task, reporter));
        tables = new AwaitSiteTableWriter(Trees.instance(javac), env.getElementUtils(), env.getFiler());
        underJavac = true;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement async = processingEnv.getElementUtils().getTypeElement(ASYNC);
        if (async == null) {
            return false;
        }
        Map<TypeElement, List<ExecutableElement>> byTopLevel = new LinkedHashMap<>();
        for (Element method : round.getElementsAnnotatedWith(async)) {
            if (!underJavac) {
                reporter.error(Rule.NOT_JAVAC, "@Async method " + signature(method) + " cannot be rewritten: this"
                        + " compiler (" + processingEnv.getClass().getName() + ") is not javac, and nothing was"
                        + " rewritten. Compile with javac, or weave the compiled classes with the jasyncio weaver"
                        + " or load them with the jasyncio agent.", method);
            } else if (method instanceof ExecutableElement executable) {
                byTopLevel.computeIfAbsent(Reporter.topLevel(method), t -> new ArrayList<>()).add(executable);
            }
        }
        for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byTopLevel.entrySet()) {
            try {
                tables.write(entry.getKey(), entry.getValue());
            } catch (IOException e) {
                reporter.error(Rule.FILE_ACCESS, "cannot write the await-site table of " + entry.getKey() + ": "
                        + e.getMessage(), entry.getKey());
            }
        }
        return false;
    }

    /** {@code name(ParamType, ...)}, as javac prints a method, whichever compiler's element it is. */
    private static String signature(Element method) {
        if (!(method instanceof ExecutableElement executable)) {
            return method.getSimpleName().toString();
        }
        StringBuilder text = new StringBuilder(executable.getSimpleName()).append('(');
        for (int i = 0; i < executable.getParameters().size(); i++) {
            text.append(i == 0 ? "" : ",").append(executable.getParameters().get(i).asType());
        }
        return text.append(')').toString();
    }
}
