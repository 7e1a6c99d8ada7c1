package io.jasyncio.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Writes, for one top-level class with {@code @Async} methods, the source of its await-site
 * table: {@code <TopLevel>_AwaitSites.SITES}, one row per {@code await} in an {@code @Async}
 * method: binary class name, method, site number within the method, line, and the awaited
 * expression's source text. It lives beside the class, so the IDE shows it, and the runtime
 * reads it to print what a suspended task waits on ({@code Task.printStack()}).
 *
 * <pre>{@code
 * @Generated("io.jasyncio.processor.AsyncProcessor")
 * public final class Greeter_AwaitSites {
 *     public static final String[][] SITES = {
 *         {"demo.Greeter", "greet", "1", "7", "await(sleep(0.1))"},
 *     };
 * }
 * }</pre>
 *
 * Runs in {@code process}, before attribution, so awaits are recognised by name; the
 * validator checks later that each one really is {@code Asyncio.await}.
 */
final class AwaitSiteTableWriter {
    static final String SUFFIX = "_AwaitSites";

    private final Trees trees;
    private final Elements elements;
    private final Filer filer;

    AwaitSiteTableWriter(Trees trees, Elements elements, Filer filer) {
        this.trees = trees;
        this.elements = elements;
        this.filer = filer;
    }

    /** Writes the table of {@code topLevel}, given its {@code @Async} methods. */
    void write(TypeElement topLevel, List<ExecutableElement> asyncMethods) throws IOException {
        CodeBlock.Builder rows = CodeBlock.builder().add("{\n").indent();
        for (ExecutableElement method : asyncMethods) {
            TreePath path = trees.getPath(method);
            if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
                continue;
            }
            CompilationUnitTree unit = path.getCompilationUnit();
            String owner = elements.getBinaryName((TypeElement) method.getEnclosingElement()).toString();
            int site = 0;
            for (Tree await : awaitsIn(tree)) {
                long start = trees.getSourcePositions().getStartPosition(unit, await);
                long end = trees.getSourcePositions().getEndPosition(unit, await);
                String text = unit.getSourceFile().getCharContent(true).subSequence((int) start, (int) end).toString();
                rows.add("{$S, $S, $S, $S, $S},\n", owner, method.getSimpleName().toString(),
                        Integer.toString(++site), Long.toString(unit.getLineMap().getLineNumber(start)),
                        text.replaceAll("\\s+", " "));
            }
        }
        rows.unindent().add("}");
        TypeSpec table = TypeSpec.classBuilder(topLevel.getSimpleName() + SUFFIX)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                        .addMember("value", "$S", AsyncProcessor.class.getName())
                        .build())
                .addJavadoc("The awaits of the @Async methods of {@link $T}: binary class name, method, site,"
                        + " line, source text.\n", ClassName.get(topLevel))
                .addOriginatingElement(topLevel)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addField(FieldSpec.builder(ArrayTypeName.of(ArrayTypeName.of(String.class)), "SITES",
                                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .initializer(rows.build())
                        .build())
                .build();
        String packageName = elements.getPackageOf(topLevel).getQualifiedName().toString();
        JavaFile.builder(packageName, table).build().writeTo(filer);
    }

    /** The {@code await(...)} calls of a method body in source order, lambdas and classes excluded. */
    private static List<Tree> awaitsIn(MethodTree method) {
        List<Tree> awaits = new ArrayList<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                Tree select = call.getMethodSelect();
                String name = select instanceof IdentifierTree id ? id.getName().toString()
                        : select instanceof MemberSelectTree member ? member.getIdentifier().toString() : "";
                super.visitMethodInvocation(call, unused);
                if (name.equals("await")) {
                    awaits.add(call);
                }
                return null;
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree nested, Void unused) {
                return null;
            }
        }.scan(method.getBody(), null);
        return awaits;
    }
}
