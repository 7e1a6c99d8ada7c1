package io.jasyncio.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.jasyncio.processor.transform.AsyncCloseSites;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Walks one attributed top-level class (with everything nested in it, local and anonymous
 * classes included) and reports every broken rule as an error on the offending tree: the
 * declaration rules of {@code @Async} methods, where {@code Asyncio.await} may be called
 * ({@link AwaitPlacement}), {@code return null;} and {@code return coroutine;} inside a
 * {@code try}; and warns of
 * a coroutine created and dropped. Calls are
 * recognised by the method they resolve to, never by name.
 */
final class AsyncRuleScanner extends TreePathScanner<Void, Void> {
    private static final String ASYNCIO = "io.jasyncio.Asyncio";
    private static final String COROUTINE = "io.jasyncio.Coroutine";

    private final Trees trees;
    private final AsyncBodies bodies;
    private final Reporter reporter;
    private final CompilationUnitTree unit;
    /** Where this file's try-with-resources blocks close an AsyncCloseable, for the bytecode pass. */
    private final AsyncCloseSites closes;

    AsyncRuleScanner(Trees trees, AsyncBodies bodies, Reporter reporter, CompilationUnitTree unit,
            AsyncCloseSites closes) {
        this.trees = trees;
        this.bodies = bodies;
        this.reporter = reporter;
        this.unit = unit;
        this.closes = closes;
    }

    /**
     * Try-with-resources on an {@code AsyncCloseable}: in a body that may await, its closes are
     * recorded for the bytecode pass, which awaits {@code aclose()} in their place; anywhere
     * else it is an error, since the close cannot be awaited there.
     */
    @Override
    public Void visitTry(TryTree tree, Void unused) {
        for (Tree resource : tree.getResources()) {
            TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), resource));
            if (!bodies.isAsyncCloseable(type)) {
                continue;
            }
            TreePath body = enclosingBody(getCurrentPath());
            if (body != null && bodies.mayAwait(body)) {
                closes.add(line(tree), line(tree.getBlock(), true), bodies.binaryName(type));
            } else {
                error(Rule.ASYNC_CLOSE, type + " is an AsyncCloseable, so the end of this try-with-resources must"
                        + " await its aclose(), which only an @Async method (or a lambda whose functional interface"
                        + " method returns Coroutine<T>) can do: move the block into one, or close it yourself"
                        + " with await(resource.aclose()) there.", resource);
            }
        }
        return super.visitTry(tree, unused);
    }

    /** The method or lambda whose body holds {@code path}; null in an initializer. */
    private static TreePath enclosingBody(TreePath path) {
        for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
            if (p.getLeaf() instanceof MethodTree || p.getLeaf() instanceof LambdaExpressionTree) {
                return p;
            }
            if (p.getLeaf() instanceof ClassTree) {
                return null;
            }
        }
        return null;
    }

    private int line(Tree tree) {
        return line(tree, false);
    }

    /** The line where {@code tree} starts, or, with {@code atEnd}, the line of its last character. */
    private int line(Tree tree, boolean atEnd) {
        var positions = trees.getSourcePositions();
        long position = atEnd ? positions.getEndPosition(unit, tree) - 1 : positions.getStartPosition(unit, tree);
        return (int) unit.getLineMap().getLineNumber(position);
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
        Element element = trees.getElement(getCurrentPath());
        if (element instanceof ExecutableElement method && isAsync(method)) {
            checkDeclaration(tree, method);
        }
        return super.visitMethod(tree, unused);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        Element called = trees.getElement(getCurrentPath());
        if (called instanceof ExecutableElement method && method.getSimpleName().contentEquals("close")
                && method.getParameters().isEmpty() && closes.coversLine(line(tree))
                && tree.getMethodSelect() instanceof com.sun.source.tree.MemberSelectTree select
                && bodies.isAsyncCloseable(trees.getTypeMirror(new TreePath(new TreePath(getCurrentPath(),
                        tree.getMethodSelect()), select.getExpression())))) {
            error(Rule.ASYNC_CLOSE, "this close() shares its line with the start or the end of a try-with-resources"
                    + " block on an AsyncCloseable, whose closes become awaits of aclose(): put it on a line of its"
                    + " own, so that it stays the close it says.", tree);
        }
        if (isAwait(called)) {
            AwaitPlacement.Problem problem = AwaitPlacement.problem(trees, bodies, getCurrentPath());
            if (problem != null) {
                error(problem.rule(), problem.message(), tree);
            }
        }
        return super.visitMethodInvocation(tree, unused);
    }

    /**
     * A coroutine created and dropped never runs (C#'s CS4014, asyncio's "never awaited"): a
     * call returning {@code Coroutine<T>} used as a statement is a warning on its line, unless
     * an enclosing declaration says {@code @SuppressWarnings("jasyncio:unawaited")}. A call
     * returning a Future or Task (say createTask) starts its work and is not reported.
     */
    @Override
    public Void visitExpressionStatement(ExpressionStatementTree tree, Void unused) {
        if (tree.getExpression() instanceof MethodInvocationTree call
                && trees.getElement(new TreePath(getCurrentPath(), call)) instanceof ExecutableElement method
                && isCoroutine(method.getReturnType())
                && !isSuppressed(getCurrentPath(), Rule.UNAWAITED.id())) {
            String name = describe(method);
            reporter.warning(Rule.UNAWAITED, "the coroutine that " + name
                    + " returns is dropped, so it never runs: await it (await(...)) or start it as a task"
                    + " (createTask(...)); if dropping it is meant, say so with @SuppressWarnings(\"jasyncio:"
                    + Rule.UNAWAITED.id() + "\")", tree, unit);
        }
        return super.visitExpressionStatement(tree, unused);
    }

    /** Whether a declaration around {@code path} has {@code @SuppressWarnings("jasyncio:" + rule)}. */
    private boolean isSuppressed(TreePath path, String rule) {
        for (TreePath p = path; p != null; p = p.getParentPath()) {
            Tree leaf = p.getLeaf();
            if (leaf instanceof MethodTree || leaf instanceof ClassTree || leaf instanceof VariableTree) {
                Element element = trees.getElement(p);
                SuppressWarnings suppressed = element == null ? null : element.getAnnotation(SuppressWarnings.class);
                if (suppressed != null && List.of(suppressed.value()).contains("jasyncio:" + rule)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
        if (isAwait(trees.getElement(getCurrentPath()))) {
            error(Rule.AWAIT_REFERENCE, "await() cannot be used as a method reference (Asyncio::await): the reference is a"
                    + " separate function that the rewrite cannot suspend, and it would throw when called."
                    + " Call await(...) directly in the body of an @Async method instead.", tree);
        }
        return super.visitMemberReference(tree, unused);
    }

    /**
     * {@code return null;} from an {@code @Async} method would hand its awaiter no coroutine at
     * all, failing only at run time: an error, with the two right forms. And
     * {@code return someCoroutine;} awaits the coroutine after the method's own code has ended,
     * so inside a {@code try} the await would escape its catch, finally and resources (javac
     * runs the finally before the return instruction): that is an error, with the fix.
     * {@code return result(value);} inside a try is fine, and so is a conditional choosing
     * between such results.
     */
    @Override
    public Void visitReturn(ReturnTree tree, Void unused) {
        ExpressionTree value = tree.getExpression();
        if (value != null && inAsyncGenerator(getCurrentPath()) && !isEnd(value)) {
            error(Rule.GENERATOR_RETURN, "an async generator ends with return end(); it hands out its values with"
                    + " await(emit(value)), not by returning them.", tree);
        }
        Boolean inTry = value == null ? null : returnInAsyncMethod(getCurrentPath());
        if (inTry == null) {
            // not the return of an @Async method's own body
        } else if (unparenthesized(value).getKind() == Tree.Kind.NULL_LITERAL) {
            error(Rule.RETURN_NULL, "an @Async method cannot return null: its caller awaits the coroutine it"
                    + " returns. Write return result(null); for a null value, or return result(); in a"
                    + " Coroutine<Void> method.", tree);
        } else if (inTry && !isResultValue(value)) {
            error(Rule.RETURN_IN_TRY, "return of a coroutine or future inside try would await it only after the try has ended, so"
                    + " its catch, finally and resources would not cover that await: write"
                    + " return result(await(...)); instead.", tree);
        }
        return super.visitReturn(tree, unused);
    }

    /**
     * For a return statement of an {@code @Async} method's own body: whether it is inside a
     * {@code try} of that body. Null for a return of anything else (another method, a lambda,
     * an {@code @Async} method not declared to return a coroutine).
     */
    private Boolean returnInAsyncMethod(TreePath path) {
        boolean inTry = false;
        for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
            Tree leaf = p.getLeaf();
            if (leaf instanceof TryTree) {
                inTry = true;
            } else if (leaf instanceof LambdaExpressionTree lambda) {
                // only a lambda that awaits is rewritten; another just hands a coroutine on
                return bodies.isCoroutineLambda(p) && awaitsDirectly(p, lambda.getBody()) ? inTry : null;
            } else if (leaf instanceof ClassTree) {
                return null;
            } else if (leaf instanceof MethodTree tree) {
                // a method declared with another return type has its own error already
                if (!(trees.getElement(p) instanceof ExecutableElement method) || !isCoroutine(method.getReturnType())) {
                    return null;
                }
                return isAsync(method) || bodies.mayAwait(p) && awaitsDirectly(p, tree.getBody()) ? inTry : null;
            }
        }
        return null;
    }

    /** Whether {@code body} (of the method or lambda at {@code owner}) calls await itself, not in a nested lambda or class. */
    private boolean awaitsDirectly(TreePath owner, Tree body) {
        if (body == null) {
            return false;
        }
        boolean[] found = {false};
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                found[0] |= isAwait(trees.getElement(getCurrentPath()));
                return super.visitMethodInvocation(call, unused);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree nested, Void unused) {
                return null; // a method of its own
            }

            @Override
            public Void visitClass(ClassTree nested, Void unused) {
                return null;
            }
        }.scan(new TreePath(owner, body), null);
        return found[0];
    }

    private static ExpressionTree unparenthesized(ExpressionTree value) {
        while (value instanceof ParenthesizedTree parenthesized) {
            value = parenthesized.getExpression();
        }
        return value;
    }

    /**
     * A call of {@code io.jasyncio.Asyncio.result}, or a conditional whose every branch is one,
     * possibly in parentheses: a value the method returns, not a coroutine it hands on.
     */
    private boolean isResultValue(ExpressionTree value) {
        value = unparenthesized(value);
        if (value instanceof ConditionalExpressionTree conditional) {
            return isResultValue(conditional.getTrueExpression()) && isResultValue(conditional.getFalseExpression());
        }
        if (!(value instanceof MethodInvocationTree call)) {
            return false;
        }
        Element element = trees.getElement(new TreePath(getCurrentPath(), call));
        return isAsyncioMethod(element, "result");
    }

    /** Whether the return at {@code path} is one of an {@code @Async} method returning AsyncGenerator (not of a lambda or class in it). */
    private boolean inAsyncGenerator(TreePath path) {
        for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
            Tree leaf = p.getLeaf();
            if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
                return false;
            }
            if (leaf instanceof MethodTree) {
                return trees.getElement(p) instanceof ExecutableElement method && isAsync(method)
                        && isGenerator(method.getReturnType());
            }
        }
        return false;
    }

    private boolean isEnd(ExpressionTree value) {
        value = unparenthesized(value);
        if (value instanceof ConditionalExpressionTree conditional) {
            return isEnd(conditional.getTrueExpression()) && isEnd(conditional.getFalseExpression());
        }
        return value instanceof MethodInvocationTree call
                && isAsyncioMethod(trees.getElement(new TreePath(getCurrentPath(), call)), "end");
    }

    /** The declaration rules: an {@code @Async} method returns {@code Coroutine<T>}, has a body and is not synchronized. */
    private void checkDeclaration(MethodTree tree, ExecutableElement method) {
        String name = describe(method);
        TypeMirror returnType = method.getReturnType();
        if (returnType.getKind() != TypeKind.ERROR && !isCoroutine(returnType) && !isGenerator(returnType)) {
            Tree at = tree.getReturnType() != null ? tree.getReturnType() : tree;
            error(Rule.ASYNC_RETURN_TYPE, "@Async method " + name + " must return io.jasyncio.Coroutine<T>, not " + returnType
                    + ": declare it as Coroutine<T> (Coroutine<Void> when there is no value) and end it"
                    + " with return result(value); (or as AsyncGenerator<T>, ending with return end();)", at);
        }
        if (method.getModifiers().contains(Modifier.NATIVE)) {
            error(Rule.ASYNC_WITHOUT_BODY, "@Async method " + name + " is native, but an @Async method needs a Java body to be"
                    + " rewritten into a coroutine: give it a body, or remove @Async.", tree);
        } else if (method.getModifiers().contains(Modifier.ABSTRACT)) {
            boolean inInterface = method.getEnclosingElement().getKind().isInterface();
            error(Rule.ASYNC_WITHOUT_BODY, "@Async method " + name + " is abstract"
                    + (inInterface ? " (an interface method without a body)" : "")
                    + ", but an @Async method needs a body to be rewritten into a coroutine: give it a body"
                    + (inInterface ? " (a default method)" : "")
                    + ", or remove @Async here and put it on the methods that implement it.", tree);
        }
        if (method.getModifiers().contains(Modifier.SYNCHRONIZED)) {
            error(Rule.ASYNC_SYNCHRONIZED, "@Async method " + name + " is synchronized, but a coroutine cannot"
                    + " hold a monitor across its awaits: it gives up the thread at each one and may resume on"
                    + " another. Remove synchronized and guard the state with an asyncio Lock"
                    + " (await(lock.acquire()), then lock.release() in a finally block).", tree);
        }
    }

    static boolean isAsync(ExecutableElement method) {
        for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
            Element type = annotation.getAnnotationType().asElement();
            if (type instanceof TypeElement t && t.getQualifiedName().contentEquals(AsyncProcessor.ASYNC)) {
                return true;
            }
        }
        return false;
    }

    /** Either overload of {@code io.jasyncio.Asyncio.await}. */
    private static boolean isAwait(Element element) {
        return isAsyncioMethod(element, "await");
    }

    private static boolean isAsyncioMethod(Element element, String name) {
        return element != null
                && element.getKind() == ElementKind.METHOD
                && element.getSimpleName().contentEquals(name)
                && element.getModifiers().contains(Modifier.STATIC)
                && element.getEnclosingElement() instanceof TypeElement owner
                && owner.getQualifiedName().contentEquals(ASYNCIO);
    }

    /** {@code Coroutine<...>} or raw {@code Coroutine}; not a subtype, not anything else. */
    private static boolean isCoroutine(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                && ((DeclaredType) type).asElement() instanceof TypeElement t
                && t.getQualifiedName().contentEquals(COROUTINE);
    }

    /** {@code AsyncGenerator<...>} or raw {@code AsyncGenerator}. */
    private static boolean isGenerator(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                && ((DeclaredType) type).asElement() instanceof TypeElement t
                && t.getQualifiedName().contentEquals("io.jasyncio.AsyncGenerator");
    }

    /** {@code Owner.name(ParamTypes)}, as javac prints methods; an anonymous owner has no name. */
    private static String describe(ExecutableElement method) {
        String owner = method.getEnclosingElement().getSimpleName().toString();
        return (owner.isEmpty() ? "<anonymous>" : owner) + "." + method;
    }

    private void error(Rule rule, String message, Tree tree) {
        reporter.error(rule, message, tree, unit);
    }
}
