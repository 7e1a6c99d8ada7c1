package io.jasyncio.processor;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.tools.Diagnostic;

/**
 * Hooks the two phases into javac: {@link AsyncValidator} (and {@link AsyncMethodTrees}, for
 * later diagnostics) when a class has been attributed, {@link ClassFileRewriter} when its
 * class file has been written. Anything unexpected becomes
 * a compile error on the class, never an exception thrown at javac.
 */
final class AsyncTaskListener implements TaskListener {
    private final ProcessingEnvironment env;
    private final AsyncValidator validator;
    private final AsyncMethodTrees methodTrees;
    private final ClassFileRewriter rewriter;

    AsyncTaskListener(ProcessingEnvironment env, JavacTask task) {
        this.env = env;
        Trees trees = Trees.instance(task);
        this.validator = new AsyncValidator(trees);
        this.methodTrees = new AsyncMethodTrees(trees);
        this.rewriter = new ClassFileRewriter(env, methodTrees);
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
            env.getMessager().printMessage(Diagnostic.Kind.ERROR, Rule.INTERNAL_ERROR.format(
                    "jasyncio failed while processing " + event.getTypeElement() + ": " + e
                            + "; please report it with the class's source"), event.getTypeElement());
        }
    }
}
