package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * Context variables as CPython's test_context and test_asyncio/test_context check them: the
 * variable and its tokens, contexts and their copies, and what tasks, callbacks and executor
 * calls see.
 */
class ContextVarTest extends LoopTestBase {
    private static final ContextVar<String> ID = new ContextVar<>("id");
    private static final ContextVar<String> WITH_DEFAULT = new ContextVar<>("with_default", "dflt");

    @Test
    void getGivesTheValueTheDefaultOrFails() {
        Context.copyContext().run(() -> {
            assertThrows(NoSuchElementException.class, ID::get);
            assertEquals("fb", ID.get("fb"));
            assertEquals("dflt", WITH_DEFAULT.get());
            assertEquals("fb", WITH_DEFAULT.get("fb"));
            ID.set("a");
            assertEquals("a", ID.get());
            assertEquals("a", ID.get("fb"));
        });
        assertEquals("id", ID.name());
    }

    @Test
    void resetRestoresTheValueBeforeOnceAndOnlyInItsContextForItsVariable() {
        Context.copyContext().run(() -> {
            ContextVar.Token<String> first = ID.set("a");
            assertTrue(first.hadNoValue());
            ContextVar.Token<String> second = ID.set("b");
            assertEquals("a", second.oldValue());
            ID.reset(second);
            assertEquals("a", ID.get());
            assertThrows(IllegalStateException.class, () -> ID.reset(second));
            ID.reset(first);
            assertThrows(NoSuchElementException.class, ID::get);

            ContextVar.Token<String> other = WITH_DEFAULT.set("x");
            @SuppressWarnings({"unchecked", "rawtypes"})
            ContextVar.Token<String> wrongVar = (ContextVar.Token) other;
            assertThrows(IllegalArgumentException.class, () -> ID.reset(wrongVar));
            ContextVar.Token<String> elsewhere = ID.set("c");
            Context.copyContext().run(() -> assertThrows(IllegalArgumentException.class, () -> ID.reset(elsewhere)));
        });
    }

    @Test
    void aCopyIsIndependentAndRunKeepsItsChangesInTheContext() {
        Context outer = Context.copyContext();
        outer.run(() -> {
            ID.set("outer");
            Context copy = Context.copyContext();
            String seen = copy.run(() -> {
                ID.set("inner");
                return ID.get();
            });
            assertEquals("inner", seen);
            assertEquals("outer", ID.get(), "the copy's change stays in the copy");
            assertEquals("inner", copy.get(ID));
            assertTrue(copy.containsKey(ID));
            assertFalse(copy.containsKey(WITH_DEFAULT));
            assertNull(copy.get(WITH_DEFAULT));
            assertEquals(List.of(ID), copy.keys());
            assertThrows(IllegalStateException.class, () -> outer.run(() -> { }), "already entered");
        });
        assertEquals("outer", outer.get(ID));
    }

    @Test
    void aTaskRunsInACopyOfItsCreatorsContextAndItsChangesStayInIt() {
        List<String> seen = new ArrayList<>();
        Task<Object> parent = loop.createTask(TestFrame.of("parent", (f, v, e) -> {
            if (e != null) {
                throw e;
            }
            switch (f.label++) {
                case 0 -> {
                    ID.set("parent");
                    Task<Object> child = loop.createTask(TestFrame.of("child", (cf, cv, ce) -> {
                        seen.add("child sees " + ID.get());
                        ID.set("child");
                        return cf.ret(ID.get());
                    }));
                    return child;
                }
                default -> {
                    seen.add("child returned " + v + ", parent still sees " + ID.get());
                    return f.ret(null);
                }
            }
        }));
        loop.runUntilComplete(parent);
        assertEquals(List.of("child sees parent", "child returned child, parent still sees parent"), seen);
        assertEquals("parent", parent.getContext().get(ID));
    }

    @Test
    void aCallbackRunsInTheContextCurrentWhenItWasScheduledAndKeepsItsChanges() {
        List<String> seen = new ArrayList<>();
        Context scheduling = Context.copyContext();
        scheduling.run(() -> {
            ID.set("scheduled");
            loop.callSoon(() -> {
                seen.add(ID.get());
                ID.set("changed in the callback");
            });
            loop.callSoon(() -> seen.add(ID.get()));
        });
        loop.callSoon(() -> seen.add(ID.get("unset")));
        Context explicit = Context.copyContext();
        loop.callSoon(() -> ID.set("in explicit"), explicit);
        loop.runUntilComplete(Asyncio.sleep(0));
        assertEquals(List.of("scheduled", "scheduled", "unset"), seen);
        assertEquals("in explicit", explicit.get(ID), "a context passed in is the one changed");
        assertEquals("scheduled", scheduling.get(ID));
    }

    @Test
    void anExecutorCallSeesTheCallersValues() throws Exception {
        Task<Object> task = loop.createTask(TestFrame.of("caller", (f, v, e) -> {
            if (e != null) {
                throw e;
            }
            if (f.label++ == 0) {
                ID.set("from the task");
                return loop.runInExecutor(null, () -> {
                    String value = ID.get();
                    ID.set("changed on the thread");
                    return value;
                });
            }
            return f.ret(v + "; still " + ID.get());
        }));
        assertEquals("from the task; still from the task", loop.runUntilComplete(task));
    }
}
