package io.jasyncio.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@link LivenessAnalysis} and {@link FrameLayout} on a method built by hand, as javac would
 * compile
 * <pre>{@code
 * static Coroutine<Integer> m(Future<Object> f, int n) {
 *     int x = 1;
 *     int y = n * 2;      // never read again
 *     String s = "s";
 *     await(f);           // site 1: keeps f (read at site 2), x and s
 *     int z = x;
 *     await(f);           // site 2: keeps s and z; x is dead now
 *     s.length();
 *     return result(z);
 * }
 * }</pre>
 */
class LivenessAndLayoutTest {
    private static MethodNode method() {
        return MethodBuilder.staticCoroutine("Lio/jasyncio/Future;I")
                .insn(Opcodes.ICONST_1).var(Opcodes.ISTORE, 2)
                .var(Opcodes.ILOAD, 1).insn(Opcodes.ICONST_2).insn(Opcodes.IMUL).var(Opcodes.ISTORE, 3)
                .ldc("s").var(Opcodes.ASTORE, 4)
                .var(Opcodes.ALOAD, 0).await().insn(Opcodes.POP)
                .var(Opcodes.ILOAD, 2).var(Opcodes.ISTORE, 5)
                .var(Opcodes.ALOAD, 0).await().insn(Opcodes.POP)
                .var(Opcodes.ALOAD, 4).invoke(Opcodes.INVOKEVIRTUAL, "java/lang/String", "length", "()I")
                .insn(Opcodes.POP)
                .var(Opcodes.ILOAD, 5)
                .invoke(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;")
                .returnResult()
                .build(4, 6);
    }

    private static BitSet slots(int... slots) {
        BitSet set = new BitSet();
        for (int slot : slots) {
            set.set(slot);
        }
        return set;
    }

    @Test
    void eachSiteKeepsTheLocalsReadAfterItAndOnlyThose() throws TransformException {
        MethodNode method = method();
        List<AwaitSite> sites = AwaitSiteAnalysis.findSites(MethodBuilder.OWNER, method);
        LivenessAnalysis.computeLiveLocals(MethodBuilder.OWNER, method, sites);

        assertEquals(2, sites.size(), "the two awaits; return result(...) is no suspension point");
        assertEquals(slots(0, 2, 4), sites.get(0).live, "f, x and s after the first await");
        assertEquals(slots(4, 5), sites.get(1).live, "s and z after the second");
    }

    /** Each kept local of a site's layout by slot: its field, or "-" where it is not kept. */
    private static Map<Integer, String> fields(FrameLayout.SiteLayout site) {
        return site.locals().stream().collect(Collectors.toMap(FrameLayout.Kept::local,
                kept -> kept.field() == null ? "-" : kept.field()));
    }

    @Test
    void fieldsAreTypedAndReusedFromOneSiteToTheNextAfterTheParameters() throws TransformException {
        MethodNode method = method();
        List<AwaitSite> sites = AwaitSiteAnalysis.findSites(MethodBuilder.OWNER, method);
        LivenessAnalysis.computeLiveLocals(MethodBuilder.OWNER, method, sites);
        FrameLayout layout = new FrameLayout(MethodBuilder.OWNER, method, sites);

        assertEquals(slots(0, 1), layout.passedBack, "parameters never assigned: passed to the body, never saved");
        assertEquals(List.of("a0", "i0"), layout.parameters.stream().map(FrameLayout.Kept::field).toList());
        assertEquals(Map.of(2, "i1", 3, "-", 4, "a1"), fields(layout.sites.get(sites.get(0))),
                "x and s kept, y dead");
        assertEquals(Map.of(2, "-", 3, "-", 4, "a1", 5, "i1"), fields(layout.sites.get(sites.get(1))),
                "z reuses x's field, s keeps its own");
        assertEquals(Map.of("a0", "Lio/jasyncio/Future;", "i0", "I", "i1", "I", "a1", "Ljava/lang/String;"),
                layout.fields, "each field has the type of the values it holds");
        assertNull(layout.sites.get(sites.get(1)).locals().get(0).field());
    }

    /**
     * <pre>{@code
     * static Coroutine<Integer> m(Future<Object> f) {
     *     String s = "s";
     *     await(f);           // keeps s
     *     s.length();
     *     Integer n = 1;
     *     await(f);           // keeps n; s is dead
     *     return result(n);
     * }
     * }</pre>
     */
    @Test
    void valuesOfDifferentTypesNeverShareAField() throws TransformException {
        MethodNode method = MethodBuilder.staticCoroutine("Lio/jasyncio/Future;")
                .ldc("s").var(Opcodes.ASTORE, 1)
                .var(Opcodes.ALOAD, 0).await().insn(Opcodes.POP)
                .var(Opcodes.ALOAD, 1).invoke(Opcodes.INVOKEVIRTUAL, "java/lang/String", "length", "()I")
                .insn(Opcodes.POP)
                .insn(Opcodes.ICONST_1)
                .invoke(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;")
                .var(Opcodes.ASTORE, 2)
                .var(Opcodes.ALOAD, 0).await().insn(Opcodes.POP)
                .var(Opcodes.ALOAD, 2)
                .returnResult()
                .build(2, 3);
        List<AwaitSite> sites = AwaitSiteAnalysis.findSites(MethodBuilder.OWNER, method);
        LivenessAnalysis.computeLiveLocals(MethodBuilder.OWNER, method, sites);
        FrameLayout layout = new FrameLayout(MethodBuilder.OWNER, method, sites);

        assertEquals("a1", fields(layout.sites.get(sites.get(0))).get(1), "s");
        assertEquals("a2", fields(layout.sites.get(sites.get(1))).get(2), "n: not s's field, though s is dead");
        assertEquals(Map.of("a0", "Lio/jasyncio/Future;", "a1", "Ljava/lang/String;", "a2", "Ljava/lang/Integer;"),
                layout.fields);
    }
}
