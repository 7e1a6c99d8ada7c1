package io.jasyncio.it.helpers;

import static io.jasyncio.Asyncio.result;

import io.jasyncio.Future;
import io.jasyncio.it.VirtualLoopTest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The helpers' coroutines with a log, and CPython's test_utils.run_briefly, on the test's loop. */
abstract class HelperLoopTest extends VirtualLoopTest {
    final List<String> log = new ArrayList<>();
    final HelperCoroutines co = new HelperCoroutines(log);

    /** test_utils.run_briefly: a task that does nothing, run to its end (two iterations). */
    void runBriefly() {
        loop.runUntilComplete(result(null));
    }

    /** Calls {@code body} in a callback of the running loop (where a running loop is needed). */
    <T> T inLoop(Supplier<T> body) {
        Future<T> f = loop.createFuture();
        loop.callSoon(() -> f.setResult(body.get()));
        return loop.runUntilComplete(f);
    }
}
