package io.jasyncio.processor;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * The processor's listener on javac's own phases (named for the compilation, not for asyncio's
 * tasks). Hooks the two phases into javac: {@link AsyncValidator} (and {@link AsyncMethodTrees}, for
 * later diagnostics) when a class has been attributed, {@link ClassFileRewriter} when its
 * class file has been written. Anything unexpected becomes
 * a compile error on the class, never an exception thrown at javac.
 */
final class CompilationListener implements TaskListener {
    private final Reporter reporter;
    private final AsyncValidator validator;
    private final AsyncMethodTrees methodTrees;
    private final ClassFileRewriter rewriter;

    CompilationListener(ProcessingEnvironment env, JavacTask task, Reporter reporter) {
        this.reporter = reporter;
        Trees trees = Trees.instance(task);
        this.validator = new AsyncValidator(trees, new AsyncBodies(trees, task.getTypes(), task.getElements()), reporter);
        this.methodTrees = new AsyncMethodTrees(trees, reporter);
        this.rewriter = new ClassFileRewriter(env, methodTrees, validator::closesOf);
    }

    private static boolean isModuleOrPackageInfo(TaskEvent event) {
        String name = event.getTypeElement().getSimpleName().toString();
        return name.equals("module-info") || name.equals("package-info")
                || (event.getCompilationUnit() != null && event.getCompilationUnit().getModule() != null);
    }

    @Override
    public void finished(TaskEvent event) {
        if (event.getTypeElement() == null || isModuleOrPackageInfo(event)) {
            return; // nothing of ours can be in a module or package declaration
        }
        try {
            if (event.getKind() == TaskEvent.Kind.ANALYZE) {
                validator.validate(event.getCompilationUnit(), event.getTypeElement());
                methodTrees.remember(event.getTypeElement());
            } else if (event.getKind() == TaskEvent.Kind.GENERATE) {
                rewriter.rewrite(event.getTypeElement());
            }
        } catch (RuntimeException | LinkageError e) {
            reporter.error(Rule.INTERNAL_ERROR, "jasyncio failed while processing " + event.getTypeElement() + ": "
                    + e + "; please report it with the class's source", event.getTypeElement());
        }
    }
}
