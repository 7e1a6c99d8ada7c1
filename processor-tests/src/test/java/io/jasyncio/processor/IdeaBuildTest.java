package io.jasyncio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.jetbrains.jps.javac.APIWrappers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IntelliJ IDEA's own build hands processors a proxy of javac's processing environment (see the
 * stand-in {@link APIWrappers}): the processor sees through it, rewrites as under plain javac,
 * and still writes its generated sources through the wrapped Filer the IDE watches.
 */
class IdeaBuildTest {
    private static final JavaFileObject SOURCE = JavaFileObjects.forSourceLines("demo.Doubler",
            "package demo;",
            "import static io.jasyncio.Asyncio.*;",
            "import io.jasyncio.*;",
            "public class Doubler {",
            "    @Async",
            "    public static Coroutine<Integer> twice(Future<Integer> f) {",
            "        int x = await(f);",
            "        return result(x * 2);",
            "    }",
            "}");

    @BeforeEach
    void forgetEarlierFiles() {
        APIWrappers.CREATED.clear();
    }

    private static void assertRewrittenThroughTheWrappedFiler(Compilation compilation) {
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "demo/Doubler$$twice$0.class");
        assertTrue(APIWrappers.CREATED.stream().anyMatch(name -> name.contains("Doubler_AwaitSites")),
                APIWrappers.CREATED.toString());
    }

    @Test
    void throughJetBrainsUnwrap() {
        Compilation compilation = Compiler.javac()
                .withProcessors(APIWrappers.wrapProcessor(new AsyncProcessor()))
                .compile(SOURCE);
        assertRewrittenThroughTheWrappedFiler(compilation);
    }

    @Test
    void throughTheProxysHandlerWhenUnwrapIsOutOfReach() {
        Compilation compilation = Compiler.javac()
                .withProcessors(APIWrappers.wrapProcessor(new AsyncProcessor(), ClassLoader.getPlatformClassLoader()))
                .compile(SOURCE);
        assertRewrittenThroughTheWrappedFiler(compilation);
    }
}
