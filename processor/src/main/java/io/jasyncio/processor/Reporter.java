package io.jasyncio.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The one way the processor reports: every message carries its {@link Rule}'s id
 * ({@code [jasyncio:<id>] ...}) and points at a tree (file and line) when there is one, at an
 * element otherwise. A rule broken in one class never stops the checks of the others: callers
 * report and go on.
 */
final class Reporter {
    private final Messager messager;
    private final Trees trees;

    /** With {@code trees} null (a compiler that is not javac), only elements can be pointed at. */
    Reporter(Messager messager, Trees trees) {
        this.messager = messager;
        this.trees = trees;
    }

    void error(Rule rule, String message, Tree tree, CompilationUnitTree unit) {
        print(Diagnostic.Kind.ERROR, rule, message, tree, unit);
    }

    void warning(Rule rule, String message, Tree tree, CompilationUnitTree unit) {
        print(Diagnostic.Kind.WARNING, rule, message, tree, unit);
    }

    void error(Rule rule, String message, Element element) {
        messager.printMessage(Diagnostic.Kind.ERROR, rule.format(message), element);
    }

    private void print(Diagnostic.Kind kind, Rule rule, String message, Tree tree, CompilationUnitTree unit) {
        trees.printMessage(kind, rule.format(message), tree, unit);
    }

    /** The top-level class around {@code element}: the one a compilation unit declares. */
    static TypeElement topLevel(Element element) {
        TypeElement top = null;
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
            if (e instanceof TypeElement type) {
                top = type;
            }
        }
        return top;
    }
}
