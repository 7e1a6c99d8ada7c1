package io.jasyncio.it.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Server close semantics and serveForever (test_server; wait_closed as fixed in 3.12). */
class ServerScenariosTest extends NetLoopTest {
    @Test
    void closeRefusesNewConnectionsKeepsOpenOnesAndWaitClosedWaitsForThem() {
        assertEquals(List.of(
                "serving true sockets 1",
                "before one",
                "serving false sockets 0",
                "refused",
                "after two",
                "waiters done false false",
                "waiters done true true",
                "waitClosed again returns"), run(ServerScenarios.closeKeepsOpenConnections()));
        assertNoErrors();
    }

    @Test
    void serveForeverTwiceIsAnErrorAndCancellingItClosesTheServer() {
        assertEquals(List.of(
                "second: server <server> is already being awaited on serveForever()",
                "forever done false serving true",
                "cancelled",
                "serving false sockets 0",
                "closed: server <server> is closed"), run(ServerScenarios.serveForeverCancelled()));
        assertNoErrors();
    }

    @Test
    void closeEndsServeForeverWithACancelledError() {
        assertEquals("cancelled, serving false", run(ServerScenarios.closeEndsServeForever()));
        assertNoErrors();
    }
}
