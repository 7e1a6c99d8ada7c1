package io.jasyncio.it.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Queue;
import io.jasyncio.net.Server;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streams over TCP: echo, load, reset, half-close, limits, incomplete reads, back-pressure. */
class StreamScenariosTest extends NetLoopTest {
    @Test
    void aThousandConnectionsOfAHundredRoundTripsEachComeBackByteForByte() {
        Server server = run(Echo.start());
        long verified = run(StreamScenarios.concurrentRoundTrips(StreamScenarios.port(server), 1000, 100));
        assertEquals(StreamScenarios.expectedBytes(1000, 100), verified);
        server.close();
        run(server.waitClosed());
        assertNoErrors();
    }

    @Test
    void aProtocolEchoServerServesStreamClients() {
        Server server = run(ProtocolScenarios.serve(ProtocolScenarios.Echoing::new, new Queue<>()));
        long verified = run(StreamScenarios.concurrentRoundTrips(StreamScenarios.port(server), 50, 20));
        assertEquals(StreamScenarios.expectedBytes(50, 20), verified);
        server.close();
        run(server.waitClosed());
        assertNoErrors();
    }

    @Test
    void aPeerResetMidReadIsAConnectionResetErrorAndTheServerGoesOn() {
        assertEquals(List.of("echo hello", "ConnectionResetError", "other still serving", "eof", "closed"),
                run(StreamScenarios.peerResetsMidRead()));
        assertNoErrors();
    }

    @Test
    void afterWriteEofTheServerReadsToTheEndRepliesAndCloses() {
        assertEquals(List.of(
                "canWriteEof true",
                "write after writeEof: Cannot call write() after writeEof()",
                "reply ONE\nTWO\n!",
                "atEof true",
                "readline 0"), run(StreamScenarios.halfClose()));
        assertNoErrors();
    }

    @Test
    void aLineOverTheLimitIsALimitOverrunErrorAndReaduntilKeepsTheData() {
        assertEquals(List.of(
                "readuntil Separator is found, but chunk is longer than limit consumed 12",
                "kept 0123456789ab",
                "readline LimitOverrunError Separator is found, but chunk is longer than limit",
                "next short"), run(StreamScenarios.linesOverTheLimit()));
        assertNoErrors();
    }

    @Test
    void theEndOfTheStreamInsideReadexactlyGivesThePartialBytes() {
        assertEquals(List.of("four of 10: 4 bytes read on a total of 10 expected bytes", "atEof true"),
                run(StreamScenarios.eofInsideReadexactly()));
        assertNoErrors();
    }

    @Test
    void aSlowReaderMakesDrainWaitAndKeepsBuffersBounded() {
        int limit = 16 * 1024;
        long total = 8L * 1024 * 1024;
        StreamScenarios.SlowReaderReport report = run(StreamScenarios.slowReader(limit, total, 30));
        assertTrue(report.readerPausedWhenBlocked(), "the reader paused its transport: " + report);
        assertTrue(report.drainPendingWhenBlocked(), "drain() was waiting: " + report);
        assertTrue(report.writtenWhenBlocked() < total, "the writer could not finish alone: " + report);
        // drain() returns only at or below the high-water mark; one 16 KiB chunk is written on top
        assertTrue(report.maxWriteBuffer() <= report.highWater() + 16 * 1024, report.toString());
        // paused once over 2x the limit; the read that crossed it adds at most the buffer's free room
        assertTrue(report.bufferedWhenBlocked() > 2 * limit, report.toString());
        assertTrue(report.bufferedWhenBlocked() <= 4 * limit + 16 * 1024, report.toString());
        assertEquals(total, report.verified());
        assertEquals(total, report.total());
        assertNoErrors();
    }

    @Test
    void drainRaisesAConnectionErrorOnceThePeerIsGone() {
        assertEquals(List.of("read 0", "drain raised a ConnectionError"),
                run(StreamScenarios.drainRaisesOnceThePeerIsGone(10_000)));
        assertNoErrors();
    }

    @Test
    void aFailingHandlerIsReportedAndItsConnectionClosed() {
        assertEquals(List.of("read 0 atEof true", "closed"), run(StreamScenarios.failingHandler()));
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("Unhandled exception in client_connected_cb", errors.get(0).message());
        assertEquals("handler failed", errors.get(0).exception().getMessage());
    }

    @Test
    void aCancelledHandlerClosesItsConnectionQuietly() {
        assertEquals(List.of("client read 0 atEof true", "server closed, handler cancelled true"),
                run(StreamScenarios.cancelledHandler()));
        assertNoErrors();
    }

    @Test
    void bothEndsKnowTheirAddresses() {
        assertEquals(List.of(
                "client peer is the server true",
                "server peer is the client true",
                "server sockname is the server true",
                "unknown default"), run(StreamScenarios.addresses()));
        assertNoErrors();
    }
}
