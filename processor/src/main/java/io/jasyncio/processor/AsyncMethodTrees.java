package io.jasyncio.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Where each {@code @Async} method is in its source, remembered when its class is analyzed, so
 * that an error of the rewrite (which runs after javac generated the class, when javac no
 * longer maps elements to trees) still points at the method's file and line.
 */
final class AsyncMethodTrees {
    private record Position(Tree tree, CompilationUnitTree unit) {}

    private final Trees trees;
    private final Reporter reporter;
    private final Map<Element, Position> positions = new HashMap<>();

    AsyncMethodTrees(Trees trees, Reporter reporter) {
        this.trees = trees;
        this.reporter = reporter;
    }

    /**
     * Records the {@code @Async} methods of {@code type} and of every class in it: nested, local
     * and anonymous (whose elements javac cannot map back to trees later).
     */
    void remember(TypeElement type) {
        TreePath path = trees.getPath(type);
        if (path == null) {
            return;
        }
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethod(MethodTree tree, Void unused) {
                Element method = trees.getElement(getCurrentPath());
                if (method != null && method.getKind() == ElementKind.METHOD && isAsync(method)) {
                    positions.put(method, new Position(tree, getCurrentPath().getCompilationUnit()));
                }
                return super.visitMethod(tree, unused);
            }
        }.scan(path, null);
    }

    /** Reports an error on {@code method}'s declaration if it is known, else on the element. */
    void reportError(Rule rule, Element method, String message) {
        Position position = positions.get(method);
        if (position == null) {
            reporter.error(rule, message, method);
        } else {
            reporter.error(rule, message, position.tree(), position.unit());
        }
    }

    private static boolean isAsync(Element method) {
        return method.getAnnotationMirrors().stream()
                .anyMatch(a -> a.getAnnotationType().toString().equals(AsyncProcessor.ASYNC));
    }
}
