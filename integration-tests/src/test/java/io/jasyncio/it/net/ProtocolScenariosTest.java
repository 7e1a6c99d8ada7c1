package io.jasyncio.it.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.jasyncio.ExceptionContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transport and Protocol on TCP: callback order, water marks, close vs abort, writeEof, failures. */
class ProtocolScenariosTest extends NetLoopTest {
    @Test
    void callbacksComeInOrderAndConnectionLostOnce() {
        assertEquals(List.of(
                "server [made, data, eof, lost null]",
                "received hello world",
                "client [made, eof, lost null]",
                "write after writeEof: Cannot call write() after writeEof()",
                "accepted later 0"), run(ProtocolScenarios.callbackOrder()));
        assertNoErrors();
    }

    @Test
    void writingPausesOverTheHighMarkAndResumesAtTheLowMark() {
        assertEquals(List.of(
                "high < low rejected",
                "limits [2048, 8192]",
                "buffered over high true",
                "client [made, pause]",
                "received while paused 0",
                "client [made, pause, resume]",
                "buffer at resume <= low true",
                "received intact true"), run(ProtocolScenarios.waterMarks()));
        assertNoErrors();
    }

    @Test
    void closeSendsTheBufferedDataThenLosesTheConnection() {
        assertEquals(List.of(
                "buffered true",
                "closing true lost false",
                "client [made, pause, resume, lost null]",
                "server [made, data, eof, lost null]",
                "received intact true"), run(ProtocolScenarios.closeFlushes()));
        assertNoErrors();
    }

    @Test
    void abortDropsTheBufferedData() {
        assertEquals(List.of(
                "buffered true",
                "closing true buffer 0",
                "client [made, pause, lost null]",
                "received less true",
                "received a prefix true"), run(ProtocolScenarios.abortDrops()));
        assertNoErrors();
    }

    @Test
    void aFailingDataReceivedGoesToTheHandlerAndAbortsOnlyItsConnection() {
        List<String> log = run(ProtocolScenarios.dataReceivedThrows());
        assertEquals(List.of(
                "bad client [made, eof, lost null]",
                "good client echo ping closing false",
                "bad server side [made, data, lost IllegalStateException] java.lang.IllegalStateException: boom",
                "good server side [made, data]"), log);
        assertEquals(1, errors.size(), errors.toString());
        ExceptionContext context = errors.get(0);
        assertEquals("Fatal error: protocol.dataReceived() call failed.", context.message());
        assertEquals("boom", assertInstanceOf(IllegalStateException.class, context.exception()).getMessage());
    }

    @Test
    void eofReceivedReturningTrueKeepsTheWritingSideOpen() {
        assertEquals(List.of("client [made, data, eof, lost null] bye", "server [made, data, eof, lost null] hi"),
                run(ProtocolScenarios.eofReceivedKeepsWriting()));
        assertNoErrors();
    }
}
