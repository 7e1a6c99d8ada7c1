package io.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.internal.CoroutineFrame;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connection racing (RFC 8305, asyncio's staggered_race and _interleave_addrinfos): the
 * stagger on a virtual clock with attempts the test finishes by hand, the reordering of a
 * lookup's addresses, and a real connection on 127.0.0.1.
 */
@Timeout(60)
class HappyEyeballsTest {
    private final EventLoop loop = EventLoop.newVirtualTimeLoop();
    private final List<String> log = new ArrayList<>();
    private final List<String> discarded = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    /** An attempt that logs when it starts and ends, and finishes as {@code outcome} does. */
    private final class Attempt extends CoroutineFrame<String> {
        private final String name;
        private final Future<String> outcome;
        private boolean started;

        Attempt(String name, Future<String> outcome) {
            this.name = name;
            this.outcome = outcome;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (!started) {
                started = true;
                log.add(name + " starts at " + loop.time());
                return outcome;
            }
            if (error != null) {
                log.add(name + (error instanceof CancelledError ? " cancelled" : " failed") + " at " + loop.time());
                throw error;
            }
            return complete(value);
        }
    }

    /** Attempts named a, b, c... each finishing as its future, which the test settles on the clock. */
    private List<Supplier<Coroutine<String>>> attempts(List<Future<String>> outcomes) {
        List<Supplier<Coroutine<String>>> attempts = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            String name = String.valueOf((char) ('a' + i));
            Future<String> outcome = outcomes.get(i);
            attempts.add(() -> new Attempt(name, outcome));
        }
        return attempts;
    }

    private List<Future<String>> futures(int n) {
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(loop.createFuture());
        }
        return futures;
    }

    private String race(List<Future<String>> outcomes, double delay) {
        return loop.runUntilComplete(StaggeredRace.race(loop, attempts(outcomes), delay, discarded::add, failures));
    }

    @Test
    void aSlowFirstAttemptCostsTheDelayAndIsCancelledWhenALaterOneWins() {
        List<Future<String>> outcomes = futures(3);
        loop.callLater(0.6, () -> outcomes.get(1).setResult("b connected"));
        assertEquals("b connected", race(outcomes, 0.25));
        assertEquals(List.of("a starts at 0.0", "b starts at 0.25", "c starts at 0.5"), log.subList(0, 3));
        loop.runUntilComplete(io.jasyncio.Asyncio.sleep(0));
        assertTrue(log.containsAll(List.of("a cancelled at 0.6", "c cancelled at 0.6")), log.toString());
        assertEquals(List.of(), failures);
        assertEquals(List.of(), discarded);
    }

    @Test
    void aFailureStartsTheNextAttemptAtOnce() {
        List<Future<String>> outcomes = futures(2);
        loop.callLater(0.1, () -> outcomes.get(0).setException(new ConnectionRefusedError("refused")));
        loop.callLater(0.2, () -> outcomes.get(1).setResult("b connected"));
        assertEquals("b connected", race(outcomes, 10));
        assertEquals(List.of("a starts at 0.0", "a failed at 0.1", "b starts at 0.1"), log);
    }

    @Test
    void whenEveryAttemptFailsTheFailuresComeInAttemptOrder() {
        List<Future<String>> outcomes = futures(3);
        ConnectionError a = new ConnectionError("a refused", new java.io.IOException("a"));
        ConnectionError b = new ConnectionError("b refused", new java.io.IOException("b"));
        ConnectionError c = new ConnectionError("c refused", new java.io.IOException("c"));
        // b fails last, c first: the order reported is still a, b, c
        loop.callLater(0.9, () -> outcomes.get(1).setException(b));
        loop.callLater(0.3, () -> outcomes.get(0).setException(a));
        loop.callLater(0.4, () -> outcomes.get(2).setException(c));
        assertNull(race(outcomes, 0.25));
        assertEquals(List.of(a, b, c), failures);
    }

    @Test
    void aSecondSuccessInTheSameIterationIsHandedBackToBeClosed() {
        List<Future<String>> outcomes = futures(2);
        loop.callLater(0.5, () -> {
            outcomes.get(0).setResult("a connected");
            outcomes.get(1).setResult("b connected");
        });
        assertEquals("a connected", race(outcomes, 0.25));
        assertEquals(List.of("b connected"), discarded);
    }

    @Test
    void cancellingTheRaceCancelsEveryAttempt() {
        List<Future<String>> outcomes = futures(2);
        Task<String> race = loop.createTask(StaggeredRace.race(loop, attempts(outcomes), 0.25, discarded::add, failures));
        loop.callLater(1, race::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(race));
        loop.runUntilComplete(io.jasyncio.Asyncio.sleep(0));
        assertTrue(log.containsAll(List.of("a cancelled at 1.0", "b cancelled at 1.0")), log.toString());
    }

    @Test
    void interleavingAlternatesTheFamiliesAfterTheFirstFamilysShare() throws Exception {
        InetSocketAddress v6a = address("::1"), v6b = address("::2"), v6c = address("::3");
        InetSocketAddress v4a = address("127.0.0.1"), v4b = address("127.0.0.2");
        List<InetSocketAddress> lookup = List.of(v6a, v6b, v6c, v4a, v4b);
        assertEquals(lookup, Transports.interleaved(lookup, 0));
        assertEquals(List.of(v6a, v4a, v6b, v4b, v6c), Transports.interleaved(lookup, 1));
        assertEquals(List.of(v6a, v6b, v4a, v6c, v4b), Transports.interleaved(lookup, 2));
        assertEquals(List.of(v4a, v6a, v4b, v6b, v6c), Transports.interleaved(List.of(v4a, v4b, v6a, v6b, v6c), 1));
    }

    private static InetSocketAddress address(String literal) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(literal), 80);
    }

    @Test
    void aConnectionMadeWithHappyEyeballsCarriesData() throws Exception {
        try (EventLoop real = EventLoop.newEventLoop();
                ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var endpoint = real.runUntilComplete(real.createConnection(
                    () -> new Protocol() {}, "127.0.0.1", listener.getLocalPort(), 0.25, 1));
            try (var accepted = listener.accept()) {
                endpoint.transport().write("hi".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertEquals('h', accepted.getInputStream().read());
                assertEquals('i', accepted.getInputStream().read());
            } finally {
                endpoint.transport().abort();
            }
        }
    }

    @Test
    void aStreamConnectionMadeWithHappyEyeballsCarriesData() throws Exception {
        try (EventLoop real = EventLoop.newEventLoop();
                ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Connection connection = real.runUntilComplete(
                    Streams.openConnection("127.0.0.1", listener.getLocalPort(), 0.25, 1));
            try (var accepted = listener.accept()) {
                connection.writer().write("hi".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertEquals('h', accepted.getInputStream().read());
                assertEquals('i', accepted.getInputStream().read());
            } finally {
                connection.writer().transport().abort();
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Streams.openConnection("127.0.0.1", 1, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> Streams.openConnection("127.0.0.1", 1, 0.25, -1));
    }

    @Test
    void aRefusedAddressIsReportedAsWithoutRacing() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort(); // closed again: nothing listens there now
        }
        try (EventLoop real = EventLoop.newEventLoop()) {
            Throwable error = assertThrows(Throwable.class, () -> real.runUntilComplete(
                    real.createConnection(() -> new Protocol() {}, "127.0.0.1", port, 0.25, 1)));
            assertInstanceOf(ConnectionRefusedError.class, error);
        }
        assertThrows(IllegalArgumentException.class,
                () -> loop.createConnection(() -> new Protocol() {}, "127.0.0.1", 1, -1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> loop.createConnection(() -> new Protocol() {}, "127.0.0.1", 1, 0.25, -1));
    }
}
