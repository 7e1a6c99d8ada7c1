package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** addReader/removeReader/addWriter/removeWriter on a pipe: asyncio's add_reader and friends. */
class EventLoopChannelTest extends LoopTestBase {
    private final List<String> log = new ArrayList<>();
    private Pipe pipe;
    private Pipe other;

    @Override
    EventLoop newLoop() {
        return EventLoop.newEventLoop();
    }

    @BeforeEach
    void openPipes() throws IOException {
        pipe = nonBlocking(Pipe.open());
        other = nonBlocking(Pipe.open());
    }

    @AfterEach
    void closePipes() throws IOException {
        for (Pipe p : List.of(pipe, other)) {
            p.source().close();
            p.sink().close();
        }
    }

    private static Pipe nonBlocking(Pipe p) throws IOException {
        p.source().configureBlocking(false);
        p.sink().configureBlocking(false);
        return p;
    }

    private static void send(Pipe p, String s) throws IOException {
        p.sink().write(ByteBuffer.wrap(s.getBytes()));
    }

    private static String drain(Pipe p) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            int n = p.source().read(buffer);
            return new String(buffer.array(), 0, Math.max(n, 0));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs the loop until {@code callback} has stopped it. */
    private void runUntilStopped() {
        loop.runForever();
        assertNoErrors();
    }

    @Test
    void theReaderRunsWhenTheChannelIsReadableUntilRemoved() throws IOException {
        loop.addReader(pipe.source(), () -> {
            String data = drain(pipe);
            log.add("read " + data);
            if (data.equals("b")) {
                assertTrue(loop.removeReader(pipe.source()));
                loop.stop();
            }
        });
        send(pipe, "a");
        loop.callSoon(() -> log.add("soon"));
        loop.runUntilComplete(Asyncio.sleep(0));
        send(pipe, "b");
        runUntilStopped();
        assertEquals(List.of("soon", "read a", "read b"), log);
        assertFalse(loop.removeReader(pipe.source()), "no reader left");

        send(pipe, "c");
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(3, log.size(), "a removed reader is not called");
        assertEquals("c", drain(pipe));
    }

    @Test
    void removeReaderOfANeverWatchedChannelIsFalse() {
        assertFalse(loop.removeReader(pipe.source()));
        assertFalse(loop.removeWriter(pipe.sink()));
    }

    @Test
    void aNewReaderReplacesThePreviousOne() throws IOException {
        loop.addReader(pipe.source(), () -> log.add("first"));
        loop.addReader(pipe.source(), () -> {
            log.add("second " + drain(pipe));
            loop.stop();
        });
        send(pipe, "x");
        runUntilStopped();
        assertEquals(List.of("second x"), log);
    }

    @Test
    void removingAReaderDropsItsCallAlreadyQueuedForThisIteration() throws IOException {
        // Both channels are readable before the poll, so both readers are queued in one iteration;
        // whichever runs first removes the other's.
        loop.addReader(pipe.source(), () -> {
            log.add("pipe " + drain(pipe));
            loop.removeReader(other.source());
            loop.removeReader(pipe.source());
        });
        loop.addReader(other.source(), () -> {
            log.add("other " + drain(other));
            loop.removeReader(pipe.source());
            loop.removeReader(other.source());
        });
        send(pipe, "1");
        send(other, "2");
        loop.runUntilComplete(Asyncio.sleep(0));
        loop.runUntilComplete(Asyncio.sleep(0));
        assertEquals(1, log.size(), "only one of the two readers ran: " + log);
        assertNoErrors();
    }

    @Test
    void theWriterRunsWhileTheChannelIsWritable() {
        loop.addWriter(pipe.sink(), () -> {
            log.add("writable");
            assertTrue(loop.removeWriter(pipe.sink()));
            loop.stop();
        });
        runUntilStopped();
        assertEquals(List.of("writable"), log);
        assertFalse(loop.removeWriter(pipe.sink()));
    }

    @Test
    void aReaderAndAWriterOnOneChannelAreIndependent() throws IOException {
        Pipe.SourceChannel source = pipe.source();
        loop.addReader(source, () -> log.add("reader"));
        assertFalse(loop.removeWriter(source), "a reader is not a writer");
        assertTrue(loop.removeReader(source));
    }

    @Test
    void aBlockingChannelIsRejected() throws IOException {
        pipe.source().configureBlocking(true);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> loop.addReader(pipe.source(), () -> {}));
        assertTrue(e.getMessage().startsWith("the socket must be non-blocking"), e.getMessage());
    }

    @Test
    void aClosedChannelIsRejected() throws IOException {
        pipe.source().close();
        assertThrows(IllegalStateException.class, () -> loop.addReader(pipe.source(), () -> {}));
    }

    @Test
    void aChannelClosedWhileWatchedStopsBeingPolledAndMayBeForgotten() throws IOException {
        loop.addReader(pipe.source(), () -> log.add("read"));
        pipe.source().close();
        loop.runUntilComplete(Asyncio.sleep(0));
        assertEquals(List.of(), log);
        loop.removeReader(pipe.source());
        assertNoErrors();
    }

    @Test
    void aNullCallbackIsRejected() {
        assertThrows(NullPointerException.class, () -> loop.addReader(pipe.source(), null));
    }

    @Test
    void aChannelClosedWhileStillRegisteredIsRejectedAsClosed() throws IOException {
        loop.addReader(pipe.source(), () -> log.add("read"));
        pipe.source().close(); // the key is cancelled; the channel stays registered until a poll
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> loop.addWriter(pipe.source(), () -> {}));
        assertTrue(e.getMessage().startsWith("the channel is closed"), e.getMessage());
    }

    @Test
    void anInterruptedLoopThreadStopsTheLoopInsteadOfSpinning() {
        loop.addReader(pipe.source(), () -> log.add("read"));
        loop.callSoon(() -> Thread.currentThread().interrupt());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, loop::runForever);
            assertTrue(e.getCause() instanceof InterruptedException, String.valueOf(e.getCause()));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays set for the caller");
            assertFalse(loop.isRunning());
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(), log);
    }
}
