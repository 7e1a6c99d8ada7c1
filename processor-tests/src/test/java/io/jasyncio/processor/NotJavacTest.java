package io.jasyncio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Under a compiler the processor cannot reach into (simulated by hiding javac's processing
 * environment behind a proxy, as an IDE's wrapper would), every @Async method is an error:
 * none may run untransformed by accident.
 */
class NotJavacTest {

    /** Hands the processor a ProcessingEnvironment that is not javac's own. */
    static final class Wrapped extends AbstractProcessor {
        private final AsyncProcessor delegate = new AsyncProcessor();

        @Override
        public synchronized void init(ProcessingEnvironment env) {
            super.init(env);
            delegate.init((ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> method.invoke(env, args)));
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return delegate.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return delegate.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return delegate.process(annotations, round);
        }
    }

    @Test
    void everyAsyncMethodIsAnErrorWhenTheCompilerIsNotJavac() {
        JavaFileObject source = JavaFileObjects.forSourceLines("demo.Lonely",
                "package demo;",
                "import io.jasyncio.*;",
                "public class Lonely {",
                "    @Async",
                "    public Coroutine<Integer> one() {",
                "        return Asyncio.result(1);",
                "    }",
                "}");
        Compilation compilation = com.google.testing.compile.Compiler.javac().withProcessors(new Wrapped()).compile(source);
        assertThat(compilation).hadErrorContaining("[jasyncio:not-javac] @Async method one() cannot be rewritten: this compiler")
                .inFile(source).onLine(5);
    }
}
