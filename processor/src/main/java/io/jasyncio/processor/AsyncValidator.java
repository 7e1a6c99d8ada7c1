package io.jasyncio.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.jasyncio.processor.transform.AsyncCloseSites;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Checks the rules of @Async methods and await calls in one attributed class.
 *
 * <p>Whatever class an ANALYZE event names, the whole top-level class around it is checked, once:
 * javac fires the event per top-level class today (member classes included in it, local and
 * anonymous classes too), but a nested class may get an event of its own under another compiler
 * version or policy. Attributing any class attributes its enclosing classes and all their
 * members, so the whole top-level class is attributed by the first event that names any part
 * of it; later events for the same top-level class are skipped. So every error is reported
 * exactly once, on the offending tree.
 */
final class AsyncValidator {
    private final Trees trees;
    private final AsyncBodies bodies;
    private final Reporter reporter;
    private final Set<TypeElement> checked = new HashSet<>();
    /** By top-level class: where its try-with-resources blocks close an AsyncCloseable. */
    private final Map<TypeElement, AsyncCloseSites> closes = new HashMap<>();

    AsyncValidator(Trees trees, AsyncBodies bodies, Reporter reporter) {
        this.trees = trees;
        this.bodies = bodies;
        this.reporter = reporter;
    }

    void validate(CompilationUnitTree unit, TypeElement type) {
        TypeElement topLevel = Reporter.topLevel(type);
        if (!checked.add(topLevel)) {
            return;
        }
        TreePath path = trees.getPath(topLevel);
        if (path == null || !(path.getLeaf() instanceof ClassTree)) {
            return; // not from source (or package-info): nothing to check
        }
        AsyncCloseSites sites = new AsyncCloseSites();
        closes.put(topLevel, sites);
        new AsyncRuleScanner(trees, bodies, reporter, path.getCompilationUnit(), sites).scan(path, null);
    }

    /** The try-with-resources closes to await in the class files of {@code type}'s top-level class. */
    AsyncCloseSites closesOf(TypeElement type) {
        return closes.getOrDefault(Reporter.topLevel(type), AsyncCloseSites.NONE);
    }
}
