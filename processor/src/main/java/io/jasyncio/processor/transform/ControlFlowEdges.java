package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * The control-flow graph of a method, for the dataflow phases: per instruction index (labels,
 * line numbers and frames included), the indices it can go to next, normally and through an
 * exception handler. Found by ASM's {@link Analyzer} with the {@link BasicInterpreter}, which
 * needs no class hierarchy.
 */
final class ControlFlowEdges {
    final List<List<Integer>> normal;
    final List<List<Integer>> exceptional;

    private ControlFlowEdges(int size) {
        normal = new ArrayList<>(size);
        exceptional = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            normal.add(new ArrayList<>(2));
            exceptional.add(new ArrayList<>(1));
        }
    }

    static ControlFlowEdges of(String owner, MethodNode method) throws TransformException {
        ControlFlowEdges edges = new ControlFlowEdges(method.instructions.size());
        Analyzer<BasicValue> analyzer = new Analyzer<>(new BasicInterpreter()) {
            @Override
            protected void newControlFlowEdge(int insn, int successor) {
                edges.normal.get(insn).add(successor);
            }

            @Override
            protected boolean newControlFlowExceptionEdge(int insn, int successor) {
                edges.exceptional.get(insn).add(successor);
                return true;
            }
        };
        try {
            analyzer.analyze(owner, method);
        } catch (AnalyzerException e) {
            throw new TransformException(owner, method.name, "its bytecode does not analyze: " + e.getMessage());
        }
        return edges;
    }
}
