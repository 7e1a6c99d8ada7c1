package io.jasyncio.processor.transform;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.BasicVerifier;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Phase 9: checks a rewritten class file before it is written: its structure with ASM's
 * {@link CheckClassAdapter}, and every method's instructions with ASM's analyzer and
 * {@link BasicVerifier} (stack heights, kinds of values, local slots). Neither loads a class.
 * The JVM's own verifier then checks the stack map frames when the class is loaded.
 */
final class Verification {
    private Verification() {}

    static void verify(byte[] classFile, String methodName) throws TransformException {
        ClassReader reader = new ClassReader(classFile);
        try {
            reader.accept(new CheckClassAdapter(null, false), 0);
        } catch (RuntimeException e) {
            throw new TransformException(reader.getClassName(), methodName, "the rewritten class is malformed: " + e);
        }
        ClassNode node = new ClassNode();
        reader.accept(node, 0);
        for (MethodNode method : node.methods) {
            try {
                new Analyzer<BasicValue>(new BasicVerifier()).analyze(node.name, method);
            } catch (AnalyzerException e) {
                throw new TransformException(node.name, methodName,
                        "the rewritten method " + method.name + " does not verify: " + e.getMessage());
            }
        }
    }
}
