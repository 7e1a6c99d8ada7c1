package io.jasyncio.it.lambdas;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.it.SourceLines;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Server;
import io.jasyncio.net.Streams;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lambdas and anonymous-class methods whose functional interface method returns a coroutine,
 * awaiting in their bodies: each is rewritten like an {@code @Async} method, so it suspends,
 * keeps its captured values and locals across awaits, and shows in stack traces.
 */
@Timeout(60)
class AsyncLambdasTest {
    private static final SourceLines LINES = new SourceLines(AsyncLambdas.class);
    private final EventLoop loop = EventLoop.newVirtualTimeLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private <T> Future<T> completedLater(double delay, T value) {
        Future<T> future = loop.createFuture();
        loop.callLater(delay, () -> future.setResult(value));
        return future;
    }

    @Test
    void aBlockLambdaSuspendsAtEachAwaitAndReturnsItsResult() {
        Future<String> name = completedLater(1, "Ada");
        assertEquals("Hello, Ada", loop.runUntilComplete(AsyncLambdas.greeter(name, 2).get()));
        assertEquals(3.0, loop.time(), 1e-9, "both awaits waited");
    }

    @Test
    void anExpressionLambdaAwaits() {
        assertEquals(42, loop.runUntilComplete(AsyncLambdas.doubled().apply(completedLater(1, 21))));
    }

    @Test
    void aLambdaCapturingThisKeepsItsStateAcrossAwaits() {
        AsyncLambdas lambdas = new AsyncLambdas();
        var adder = lambdas.adder();
        assertEquals(5, loop.runUntilComplete(adder.apply(5)));
        assertEquals(12, loop.runUntilComplete(adder.apply(7)));
    }

    @Test
    void aGenericSupplierOfACoroutineMayAwaitToo() {
        assertEquals(8, loop.runUntilComplete(AsyncLambdas.viaSupplier(completedLater(1, 7)).get()));
    }

    @Test
    void loopsSwitchesTryCatchFinallyLongsAndDoublesWorkAroundALambdasAwaits() {
        Future<Integer> failed = loop.createFuture();
        failed.setException(new IllegalStateException("no value"));
        List<Future<Integer>> futures = List.of(
                completedLater(1, 3), completedLater(2, 4), failed, completedLater(3, 5), completedLater(4, 7));
        assertEquals("[fizz3, caught no value] sum=11 half=5.5",
                loop.runUntilComplete(AsyncLambdas.shapes().apply(futures)));
    }

    @Test
    void anAnonymousClassMethodAwaits() {
        assertEquals("done!", loop.runUntilComplete(AsyncLambdas.anonymous(completedLater(1, "done")).get()));
    }

    @Test
    void eachCallOfALambdaIsACoroutineOfItsOwn() {
        int[] calls = {0};
        assertEquals("call 1 / call 2", loop.runUntilComplete(AsyncLambdas.twice(
                () -> Asyncio.sleep(1, "call " + ++calls[0]))));
    }

    @Test
    void aLambdasFailureComesOutOfTheAwaitWithTheLambdasLineOnTop() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> loop.runUntilComplete(AsyncLambdas.failing(completedLater(1, -3)).get()));
        assertEquals("negative: -3", failure.getMessage());
        StackTraceElement top = failure.getStackTrace()[0];
        assertTrue(top.getMethodName().startsWith("lambda$failing$"), top.toString());
        assertEquals(LINES.marker("lambda-throw"), top.getLineNumber());
    }

    @Test
    void aTaskSuspendedInALambdaShowsTheLambdasAwaitInItsStack() {
        Task<String> task = loop.createTask(AsyncLambdas.greeter(completedLater(1, "Ada"), 5).get());
        loop.runUntilComplete(Asyncio.sleep(2)); // the name has come; the lambda sleeps
        assertFalse(task.done());
        List<StackTraceElement> stack = task.getStack();
        assertTrue(stack.stream().anyMatch(frame -> frame.getMethodName().startsWith("lambda$greeter$")
                        && frame.getLineNumber() == LINES.marker("greeter-sleep")),
                stack.toString());
        loop.runUntilComplete(task);
    }

    @Test
    void aServerWhoseHandlerIsALambdaAnswersEachLine() {
        try (EventLoop real = EventLoop.newEventLoop()) {
            Server server = real.runUntilComplete(AsyncLambdas.upperCaseServer());
            int port = ((InetSocketAddress) server.sockets().get(0).socket().getLocalSocketAddress()).getPort();
            Connection client = real.runUntilComplete(Streams.openConnection("127.0.0.1", port));
            client.writer().write("hello\n".getBytes(UTF_8));
            assertEquals("HELLO\n", new String(real.runUntilComplete(client.reader().readline()), UTF_8));
            client.writer().write("lambdas\n".getBytes(UTF_8));
            assertEquals("LAMBDAS\n", new String(real.runUntilComplete(client.reader().readline()), UTF_8));
            client.writer().close();
            real.runUntilComplete(client.writer().waitClosed());
            server.close();
            real.runUntilComplete(server.waitClosed());
        }
    }
}
