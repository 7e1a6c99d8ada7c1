/**
 * jasyncio's annotation processor, which checks {@code @Async} methods and has javac's class
 * files rewritten, and the offline weaver. On a processor module path javac finds the
 * processors through {@code provides}; on a plain processor path, through
 * {@code META-INF/services}, which the jar has as well.
 */
module io.jasyncio.processor {
    requires java.compiler;
    requires jdk.compiler;
    requires org.objectweb.asm;
    requires org.objectweb.asm.commons;
    requires org.objectweb.asm.tree;
    requires org.objectweb.asm.tree.analysis;
    requires org.objectweb.asm.util;
    requires com.palantir.javapoet;
    requires static com.google.auto.service;

    exports io.jasyncio.processor;
    exports io.jasyncio.processor.transform;

    provides javax.annotation.processing.Processor
            with io.jasyncio.processor.AsyncProcessor, io.jasyncio.processor.AsyncProcessorClaim;
}
