package io.jasyncio.processor;

import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Which bodies may await besides {@code @Async} methods: a lambda whose functional interface
 * method returns {@code Coroutine<T>} ({@code AsyncSupplier}, {@code ConnectionHandler},
 * {@code Supplier<Coroutine<T>>}...), and a method of an anonymous class declared to return
 * {@code Coroutine<T>}. Each is a method of its own once compiled (javac's {@code lambda$...}
 * method, the anonymous class's method), which the bytecode pass rewrites as it rewrites an
 * {@code @Async} method, with the same rules.
 */
final class AsyncBodies {
    private static final String COROUTINE = "io.jasyncio.Coroutine";
    private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString");

    private final Trees trees;
    private final Types types;
    private final Elements elements;

    AsyncBodies(Trees trees, Types types, Elements elements) {
        this.trees = trees;
        this.types = types;
        this.elements = elements;
    }

    /** Whether the body at {@code path} (a method or a lambda) may await: an @Async method, or one of the two kinds above. */
    boolean mayAwait(TreePath path) {
        if (path.getLeaf() instanceof LambdaExpressionTree) {
            return isCoroutineLambda(path);
        }
        if (path.getLeaf() instanceof MethodTree) {
            Element element = trees.getElement(path);
            if (!(element instanceof ExecutableElement method)) {
                return false;
            }
            return AsyncRuleScanner.isAsync(method) || isCoroutineMethodOfAnonymousClass(path, method);
        }
        return false;
    }

    /** A lambda whose functional interface method returns {@code Coroutine<T>}. */
    boolean isCoroutineLambda(TreePath lambda) {
        TypeMirror target = trees.getTypeMirror(lambda);
        if (target == null || target.getKind() != TypeKind.DECLARED) {
            return false;
        }
        DeclaredType functional = (DeclaredType) target;
        if (!(functional.asElement() instanceof TypeElement type)) {
            return false;
        }
        ExecutableElement single = null;
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
            Set<Modifier> modifiers = method.getModifiers();
            if (modifiers.contains(Modifier.ABSTRACT) && !isObjectMethod(method)) {
                if (single != null) {
                    return false; // not a functional interface after all
                }
                single = method;
            }
        }
        if (single == null) {
            return false;
        }
        TypeMirror returned = ((ExecutableType) types.asMemberOf(functional, single)).getReturnType();
        return isCoroutine(returned);
    }

    /** Whether {@code type} is an {@code io.jasyncio.AsyncCloseable}, whose close must be awaited. */
    boolean isAsyncCloseable(TypeMirror type) {
        TypeElement asyncCloseable = elements.getTypeElement("io.jasyncio.AsyncCloseable");
        return asyncCloseable != null && type != null && type.getKind() == TypeKind.DECLARED
                && types.isAssignable(types.erasure(type), types.erasure(asyncCloseable.asType()));
    }

    /** The binary name of {@code type}'s class, as a class file names it. */
    String binaryName(TypeMirror type) {
        return elements.getBinaryName((TypeElement) ((DeclaredType) types.erasure(type)).asElement()).toString();
    }

    /** A method, declared to return {@code Coroutine<T>}, of an anonymous class. */
    private static boolean isCoroutineMethodOfAnonymousClass(TreePath methodPath, ExecutableElement method) {
        TreePath classPath = methodPath.getParentPath();
        return classPath != null && classPath.getParentPath() != null
                && classPath.getParentPath().getLeaf() instanceof NewClassTree
                && !method.getModifiers().contains(Modifier.STATIC)
                && isCoroutine(method.getReturnType());
    }

    /** {@code equals(Object)}, {@code hashCode()} or {@code toString()}, which an interface may redeclare abstract. */
    private static boolean isObjectMethod(ExecutableElement method) {
        String name = method.getSimpleName().toString();
        return OBJECT_METHODS.contains(name)
                && method.getParameters().size() == (name.equals("equals") ? 1 : 0);
    }

    /** {@code Coroutine<...>} or raw {@code Coroutine}; a wildcard bound or captured type counts by its bound. */
    static boolean isCoroutine(TypeMirror type) {
        if (type.getKind() == TypeKind.WILDCARD) {
            TypeMirror bound = ((javax.lang.model.type.WildcardType) type).getExtendsBound();
            return bound != null && isCoroutine(bound);
        }
        if (type.getKind() == TypeKind.TYPEVAR) {
            return isCoroutine(((javax.lang.model.type.TypeVariable) type).getUpperBound());
        }
        return type.getKind() == TypeKind.DECLARED
                && ((DeclaredType) type).asElement() instanceof TypeElement t
                && t.getQualifiedName().contentEquals(COROUTINE);
    }
}
