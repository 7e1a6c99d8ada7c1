package io.jasyncio.processor.transform;

import java.util.List;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Phase 4, only with {@code -Ajasyncio.debug=true}: every local that is in scope at an await
 * site (its local variable table entry covers the site) is kept across it, live or not, so a
 * debugger shows every variable of the source after a suspension, as in the synchronous method.
 * Costs what keeping them costs: more fields in the frame and more saving at each suspension,
 * the reason it is not the default (Kotlin's {@code -Xdebug} makes the same trade).
 */
final class KeepLocalsInScope {
    private KeepLocalsInScope() {}

    static void apply(MethodNode method, List<AwaitSite> sites) {
        if (method.localVariables == null) {
            return;
        }
        InsnList code = method.instructions;
        for (AwaitSite site : sites) {
            int at = code.indexOf(site.instruction);
            for (LocalVariableNode variable : method.localVariables) {
                if (code.indexOf(variable.start) <= at && at < code.indexOf(variable.end)) {
                    site.live.set(variable.index);
                }
            }
        }
    }
}
