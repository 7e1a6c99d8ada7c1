package io.jasyncio.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * Decides whether one {@code Asyncio.await} call sits where it may: directly in the body of an
 * {@code @Async} method or of another body that may await ({@link AsyncBodies}: a lambda whose
 * functional interface method returns a coroutine, a coroutine method of an anonymous class),
 * and not inside a {@code synchronized} block there.
 *
 * <p>What counts is the innermost code around the call that becomes a method of its own: a
 * method or constructor, a lambda, or a class body (field initializer, initializer block). Only
 * when that may await can the rewrite suspend at the call.
 */
final class AwaitPlacement {
    private AwaitPlacement() {}

    /** Why an await is not allowed where it is: the rule it breaks, and the message saying how to fix it. */
    record Problem(Rule rule, String message) {}

    /** Why the call at {@code call} is not allowed there, or {@code null} if it is. */
    static Problem problem(Trees trees, AsyncBodies bodies, TreePath call) {
        boolean inSynchronized = false;
        Tree child = call.getLeaf();
        for (TreePath path = call.getParentPath(); path != null; child = path.getLeaf(), path = path.getParentPath()) {
            Tree node = path.getLeaf();
            if (node instanceof SynchronizedTree sync) {
                // the lock expression is evaluated before the monitor is entered: only the block counts
                inSynchronized |= sync.getBlock() == child;
            } else if (node instanceof LambdaExpressionTree) {
                if (bodies.isCoroutineLambda(path)) {
                    return inSynchronized ? inSynchronizedBlock() : null;
                }
                return new Problem(Rule.AWAIT_IN_LAMBDA, withinAsyncMethod(trees, path)
                        ? "await() is not allowed inside this lambda, even within an @Async method: its functional"
                                + " interface method does not return Coroutine<T>, so its body cannot be a coroutine."
                                + " Await in the @Async method itself and use the result in the lambda, or give the"
                                + " lambda a functional interface whose method returns Coroutine<T> (AsyncSupplier,"
                                + " AsyncFunction) and await the coroutine it returns."
                        : "await() is not allowed inside this lambda: its functional interface method does not"
                                + " return Coroutine<T>, so its body cannot be a coroutine. Give it one that does"
                                + " (AsyncSupplier, AsyncFunction, ConnectionHandler...), or call await(...) in"
                                + " the body of an @Async method.");
            } else if (node instanceof MethodTree method) {
                if (bodies.mayAwait(path)) {
                    return inSynchronized ? inSynchronizedBlock() : null;
                }
                String local = localClass(path.getParentPath());
                if (local != null && withinAsyncMethod(trees, path)) {
                    return insideLocalClass(local);
                }
                if (method.getReturnType() == null) {
                    return new Problem(Rule.AWAIT_IN_CONSTRUCTOR, "await() is not allowed in a constructor: a constructor cannot be @Async, so it cannot"
                            + " suspend. Do the awaiting in an @Async method (for example a static @Async factory"
                            + " method returning Coroutine<T>) and pass the results to the constructor.");
                }
                return new Problem(Rule.AWAIT_OUTSIDE_ASYNC, "await() is only allowed directly in the body of an @Async method, and "
                        + describe(trees, path, method) + " is not @Async: annotate it with @Async and declare it to"
                        + " return Coroutine<T> (ending with return result(value);), or move the await into an"
                        + " @Async method.");
            } else if (node instanceof ClassTree) {
                String local = localClass(path);
                if (local != null && withinAsyncMethod(trees, path)) {
                    return insideLocalClass(local);
                }
                return new Problem(Rule.AWAIT_IN_INITIALIZER, "await() is not allowed in " + initializer(child)
                        + ": only the body of an @Async method can suspend. Move the await into an @Async method.");
            }
        }
        return null; // not inside a class at all: nothing javac would accept
    }

    private static Problem inSynchronizedBlock() {
        return new Problem(Rule.AWAIT_IN_SYNCHRONIZED, "await() inside synchronized would suspend while holding the monitor: the task gives"
                + " up the thread with the lock still held, and resumes later, possibly on another"
                + " thread. Move the await out of the synchronized block, or use an asyncio Lock"
                + " (await(lock.acquire()), then lock.release() in a finally block).");
    }

    private static Problem insideLocalClass(String which) {
        return new Problem(Rule.AWAIT_IN_LOCAL_CLASS, "await() is not allowed inside " + which + ", even within an @Async method: its methods are"
                + " separate methods that the rewrite of the enclosing @Async method cannot suspend. Await in the"
                + " @Async method itself and pass the result in, or declare the method that awaits @Async"
                + " (returning Coroutine<T>) and await the coroutine it returns from the @Async method.");
    }

    /** "an anonymous class" or "a local class" when the class at {@code classPath} is one, else null. */
    private static String localClass(TreePath classPath) {
        if (classPath == null || !(classPath.getLeaf() instanceof ClassTree)) {
            return null;
        }
        Tree parent = classPath.getParentPath() == null ? null : classPath.getParentPath().getLeaf();
        if (parent instanceof NewClassTree) {
            return "an anonymous class";
        }
        if (parent instanceof ClassTree || parent instanceof CompilationUnitTree || parent == null) {
            return null; // top-level or member class
        }
        return "a local class";
    }

    /** What part of a class body {@code member} is, for a call found in it outside any method. */
    private static String initializer(Tree member) {
        if (member instanceof VariableTree) {
            return "a field initializer";
        }
        if (member instanceof BlockTree block) {
            return block.isStatic() ? "a static initializer block" : "an instance initializer block";
        }
        return "a class body outside any method";
    }

    private static boolean withinAsyncMethod(Trees trees, TreePath path) {
        for (TreePath p = path; p != null; p = p.getParentPath()) {
            if (p.getLeaf() instanceof MethodTree && isAsyncMethod(trees, p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsyncMethod(Trees trees, TreePath methodPath) {
        return trees.getElement(methodPath) instanceof ExecutableElement method && AsyncRuleScanner.isAsync(method);
    }

    private static String describe(Trees trees, TreePath methodPath, MethodTree method) {
        Element element = trees.getElement(methodPath);
        return element != null ? element.toString() : method.getName() + "()";
    }
}
