package io.jasyncio.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.Task;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * StreamReader fed by hand, without sockets: CPython 3.11 test_streams.StreamTests' reader
 * cases and the rules of ASYNCIO_SEMANTICS.md section 7, on a virtual-time loop.
 */
class StreamReaderTest {
    private static final String WAITING = " called while another coroutine is already waiting for incoming data";

    private final EventLoop loop = EventLoop.newVirtualTimeLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(US_ASCII);
    }

    private static StreamReader fed(int limit, String... chunks) {
        StreamReader reader = new StreamReader(limit);
        for (String chunk : chunks) {
            reader.feedData(b(chunk));
        }
        return reader;
    }

    private <T> T run(Coroutine<T> coro) {
        return loop.runUntilComplete(coro);
    }

    /** Runs the loop until nothing is left to run (the clock is virtual: the far timer is reached only then). */
    private void runUntilIdle() {
        loop.callAt(1e15, loop::stop);
        loop.runForever();
    }

    /** A read left waiting for data in a task. */
    private <T> Task<T> waiting(Coroutine<T> read) {
        Task<T> task = loop.createTask(read);
        runUntilIdle();
        assertFalse(task.done(), "the read should be waiting for data");
        return task;
    }

    /** What is left in the buffer, by reading it all after the end of the stream. */
    private String rest(StreamReader reader) {
        reader.feedEof();
        return new String(run(reader.read()), US_ASCII);
    }

    // ---- construction and feeding ----------------------------------------------------------

    @Test
    void aLimitOfZeroOrLessIsRejected() {
        assertEquals("Limit cannot be <= 0", assertThrows(IllegalArgumentException.class, () -> new StreamReader(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StreamReader(-1));
        assertEquals(StreamReader.DEFAULT_LIMIT, new StreamReader().limit());
        assertEquals(65536, StreamReader.DEFAULT_LIMIT);
    }

    @Test
    void emptyDataIsIgnoredAndDoesNotWakeTheReader() {
        StreamReader reader = new StreamReader();
        Task<byte[]> read = waiting(reader.read(5));
        reader.feedData(new byte[0]);
        runUntilIdle();
        assertFalse(read.done());
        reader.feedData(b("x"));
        runUntilIdle();
        assertArrayEquals(b("x"), read.result());
    }

    @Test
    void feedingAfterTheEndOfTheStreamIsAnError() {
        StreamReader reader = new StreamReader();
        reader.feedEof();
        assertThrows(IllegalStateException.class, () -> reader.feedData(b("late")));
    }

    @Test
    void atEofNeedsTheEndAndAnEmptyBuffer() {
        StreamReader reader = fed(10, "ab");
        assertFalse(reader.atEof());
        reader.feedEof();
        assertFalse(reader.atEof());
        assertArrayEquals(b("ab"), run(reader.read(10)));
        assertTrue(reader.atEof());
    }

    // ---- read ------------------------------------------------------------------------------

    @Test
    void readZeroGivesNothingWithoutWaiting() {
        StreamReader reader = fed(10, "data");
        assertArrayEquals(new byte[0], run(reader.read(0)));
        assertArrayEquals(new byte[0], run(new StreamReader().read(0)));
        assertEquals("data", rest(reader));
    }

    @Test
    void readWaitsOnceAndReturnsUpToN() {
        StreamReader reader = new StreamReader();
        Task<byte[]> read = waiting(reader.read(30));
        reader.feedData(b("line1"));
        reader.feedData(b("line2"));
        runUntilIdle();
        assertArrayEquals(b("line1line2"), read.result());

        reader.feedData(b("0123456789"));
        assertArrayEquals(b("0123"), run(reader.read(4)));
        assertEquals("456789", rest(reader));
    }

    @Test
    void readAtTheEndOfTheStreamGivesNothing() {
        StreamReader reader = new StreamReader();
        Task<byte[]> read = waiting(reader.read(1024));
        reader.feedEof();
        runUntilIdle();
        assertArrayEquals(new byte[0], read.result());
        assertArrayEquals(new byte[0], run(reader.read(1024)));
    }

    @Test
    void readAllCollectsEverythingUntilTheEnd() {
        StreamReader reader = new StreamReader(3);
        Task<byte[]> read = waiting(reader.read());
        reader.feedData(b("chunk1\n"));
        reader.feedData(b("chunk2"));
        runUntilIdle();
        assertFalse(read.done(), "read() waits for the end of the stream");
        reader.feedEof();
        runUntilIdle();
        assertArrayEquals(b("chunk1\nchunk2"), read.result());
    }

    // ---- exceptions ------------------------------------------------------------------------

    @Test
    void anExceptionWakesTheWaitingReaderAndEveryLaterRead() {
        StreamReader reader = new StreamReader();
        Task<byte[]> read = waiting(reader.readline());
        RuntimeException failure = new IllegalStateException("message");
        reader.setException(failure);
        runUntilIdle();
        assertSame(failure, read.exception());
        assertSame(failure, reader.exception());
        reader.feedData(b("buffered"));
        assertSame(failure, assertThrows(IllegalStateException.class, () -> run(reader.read(3))));
        assertSame(failure, assertThrows(IllegalStateException.class, () -> run(reader.readexactly(3))));
        assertSame(failure, assertThrows(IllegalStateException.class, () -> run(reader.readuntil(b("f")))));
    }

    /** test_exception_cancel: an exception set after the waiting read was cancelled is harmless. */
    @Test
    void anExceptionAfterTheReadWasCancelledIsKeptForTheNextRead() {
        StreamReader reader = new StreamReader();
        Task<byte[]> read = waiting(reader.readline());
        read.cancel();
        runUntilIdle();
        assertTrue(read.cancelled());
        RuntimeException failure = new IllegalStateException("message");
        reader.setException(failure);
        runUntilIdle();
        assertSame(failure, assertThrows(IllegalStateException.class, () -> run(reader.read(1))));
    }

    @Test
    void aCancelledReadLetsTheNextOneWait() {
        StreamReader reader = new StreamReader();
        waiting(reader.read(1)).cancel();
        runUntilIdle();
        Task<byte[]> next = waiting(reader.read(1));
        reader.feedData(b("z"));
        runUntilIdle();
        assertArrayEquals(b("z"), next.result());
    }

    // ---- one waiting reader ----------------------------------------------------------------

    @Test
    void onlyOneReadMayWaitForData() {
        assertSecondReadRejected("read", r -> r.read(1));
        assertSecondReadRejected("readexactly", r -> r.readexactly(1));
        assertSecondReadRejected("readuntil", r -> r.readuntil(b("\n")));
        assertSecondReadRejected("readline", StreamReader::readline);
    }

    private void assertSecondReadRejected(String name, Function<StreamReader, Coroutine<byte[]>> read) {
        StreamReader reader = new StreamReader();
        Task<byte[]> first = waiting(reader.read(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(read.apply(reader)));
        assertEquals(name + "()" + WAITING, e.getMessage());
        reader.feedData(b("ok"));
        runUntilIdle();
        assertArrayEquals(b("o"), first.result(), "the first read still gets the data");
    }

    /** Only waiting counts: a read the buffer answers at once is fine beside a waiting one. */
    @Test
    void aReadTheBufferAnswersMayRunBesideAWaitingOne() {
        StreamReader reader = new StreamReader();
        Task<byte[]> first = waiting(reader.readexactly(4));
        reader.feedData(b("ab"));
        runUntilIdle();
        assertFalse(first.done());
        assertArrayEquals(b("a"), run(reader.read(1)));
        reader.feedData(b("cdef"));
        runUntilIdle();
        assertArrayEquals(b("bcde"), first.result());
        assertEquals("f", rest(reader));
    }

    // ---- readline --------------------------------------------------------------------------

    @Test
    void readlineReturnsOneLineWithItsNewline() {
        StreamReader reader = fed(StreamReader.DEFAULT_LIMIT, "chunk1 ");
        Task<byte[]> line = waiting(reader.readline());
        reader.feedData(b("chunk2 "));
        reader.feedData(b("chunk3 "));
        reader.feedData(b("\n chunk4"));
        runUntilIdle();
        assertArrayEquals(b("chunk1 chunk2 chunk3 \n"), line.result());
        assertEquals(" chunk4", rest(reader));
    }

    @Test
    void readlineAtTheEndGivesThePartialLineThenNothing() {
        StreamReader reader = fed(StreamReader.DEFAULT_LIMIT, "some data");
        reader.feedEof();
        assertArrayEquals(b("some data"), run(reader.readline()));
        assertArrayEquals(new byte[0], run(reader.readline()));
        assertTrue(reader.atEof());
    }

    /** test_readline_limit: a found separator beyond the limit discards the line through it. */
    @Test
    void readlineOverTheLimitDiscardsTheLineAndRaises() {
        StreamReader reader = new StreamReader(7);
        Task<byte[]> line = waiting(reader.readline());
        reader.feedData(b("chunk1"));
        reader.feedData(b("chunk2\n"));
        reader.feedData(b("chunk3\n"));
        reader.feedEof();
        runUntilIdle();
        LimitOverrunError e = assertInstanceOf(LimitOverrunError.class, line.exception());
        assertTrue(e instanceof IllegalArgumentException, "asyncio raises ValueError");
        assertEquals("Separator is found, but chunk is longer than limit", e.getMessage());
        assertEquals(12, e.consumed());
        assertEquals("chunk3\n", rest(reader));
    }

    /** test_readline_limit_with_existing_data, both halves. */
    @Test
    void readlineOverTheLimitWithoutASeparatorDiscardsTheWholeBuffer() {
        StreamReader found = fed(3, "li", "ne1\nline2\n");
        assertThrows(IllegalArgumentException.class, () -> run(found.readline()));
        assertEquals("line2\n", rest(found));

        StreamReader notFound = fed(3, "li", "ne1", "li");
        LimitOverrunError e = assertThrows(LimitOverrunError.class, () -> run(notFound.readline()));
        assertEquals("Separator is not found, and chunk exceed the limit", e.getMessage());
        assertEquals(7, e.consumed());
        assertEquals("", rest(notFound));
    }

    @Test
    void readlineWithinTheLimitIsAccepted() {
        StreamReader reader = fed(7, "chunk1\nchunk2\n");
        assertArrayEquals(b("chunk1\n"), run(reader.readline()));
        assertArrayEquals(b("chunk2\n"), run(reader.readline()));
    }

    // ---- readuntil -------------------------------------------------------------------------

    @Test
    void readuntilRejectsAnEmptySeparator() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StreamReader().readuntil(new byte[0]));
        assertEquals("Separator should be at least one-byte string", e.getMessage());
    }

    /** test_readuntil_multi_chunks_1: the separator may straddle chunks fed while waiting. */
    @Test
    void readuntilFindsASeparatorSplitAcrossChunks() {
        StreamReader reader = new StreamReader();
        String[][] rounds = {
            {"QWEaa", "XYaa", "a"},
            {"QWEaa", "XYa", "aa"},
            {"aaa"},
            {"Xaaa"},
            {"XXX", "a", "a", "a"},
        };
        String[] expected = {"QWEaaXYaaa", "QWEaaXYaaa", "aaa", "Xaaa", "XXXaaa"};
        for (int i = 0; i < rounds.length; i++) {
            Task<byte[]> read = loop.createTask(reader.readuntil(b("aaa")));
            for (String chunk : rounds[i]) {
                runUntilIdle();
                reader.feedData(b(chunk));
            }
            runUntilIdle();
            assertEquals(expected[i], new String(read.result(), US_ASCII));
        }
        assertEquals("", rest(reader));
    }

    @Test
    void readuntilAtTheEndGivesTheWholeBufferAsPartial() {
        StreamReader reader = fed(StreamReader.DEFAULT_LIMIT, "some dataAA");
        reader.feedEof();
        IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> run(reader.readuntil(b("AAA"))));
        assertArrayEquals(b("some dataAA"), e.partial());
        assertNull(e.expected());
        assertEquals("11 bytes read on a total of undefined expected bytes", e.getMessage());
        assertTrue(reader.atEof(), "the buffer was cleared");
    }

    /** test_readuntil_limit_found_sep: readuntil keeps the data on a LimitOverrunError. */
    @Test
    void readuntilOverTheLimitKeepsTheData() {
        StreamReader reader = fed(3, "some dataAA");
        LimitOverrunError notFound = assertThrows(LimitOverrunError.class, () -> run(reader.readuntil(b("AAA"))));
        assertEquals("Separator is not found, and chunk exceed the limit", notFound.getMessage());
        assertEquals(9, notFound.consumed());

        reader.feedData(b("A"));
        LimitOverrunError found = assertThrows(LimitOverrunError.class, () -> run(reader.readuntil(b("AAA"))));
        assertEquals("Separator is found, but chunk is longer than limit", found.getMessage());
        assertEquals(9, found.consumed());
        assertEquals("some dataAAA", rest(reader));
    }

    /** A waiting readuntil raises as soon as the scanned data passes the limit. */
    @Test
    void aWaitingReaduntilRaisesOnceTheLimitIsPassed() {
        StreamReader reader = new StreamReader(4);
        Task<byte[]> read = waiting(reader.readuntil(b("\n")));
        reader.feedData(b("abcd"));
        runUntilIdle();
        assertFalse(read.done(), "4 bytes scanned: within the limit");
        reader.feedData(b("e"));
        runUntilIdle();
        assertEquals(5, assertInstanceOf(LimitOverrunError.class, read.exception()).consumed());
        reader.feedData(b("\n"));
        assertEquals("abcde\n", rest(reader));
    }

    /** test_readuntil_separator: an empty set of separators, or an empty one among them, is refused. */
    @Test
    void readuntilRejectsNoSeparatorsAndAnEmptyOneAmongThem() {
        StreamReader reader = new StreamReader();
        assertEquals("Separator should contain at least one element",
                assertThrows(IllegalArgumentException.class, () -> reader.readuntil(new byte[0][])).getMessage());
        assertEquals("Separator should be at least one-byte string",
                assertThrows(IllegalArgumentException.class, () -> reader.readuntil(b("\n"), new byte[0])).getMessage());
    }

    /** Python 3.13's tuple of separators: each read ends at whichever separator ends first. */
    @Test
    void readuntilWithSeveralSeparatorsStopsAtTheOneThatEndsFirst() {
        StreamReader reader = fed(StreamReader.DEFAULT_LIMIT, "line 1\nline 2\rline 3\r\nend");
        byte[][] separators = {b("\r\n"), b("\n"), b("\r")};
        assertEquals("line 1\n", new String(run(reader.readuntil(separators)), US_ASCII));
        assertEquals("line 2\r", new String(run(reader.readuntil(separators)), US_ASCII));
        // "\r" ends before "\r\n" does
        assertEquals("line 3\r", new String(run(reader.readuntil(separators)), US_ASCII));
        assertEquals("\n", new String(run(reader.readuntil(b("\r\n"), b("\n"))), US_ASCII));
        reader.feedEof();
        IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> run(reader.readuntil(separators)));
        assertArrayEquals(b("end"), e.partial());
    }

    /** A longer separator straddling chunks is found while a shorter one is still missing. */
    @Test
    void readuntilWithSeveralSeparatorsFindsOneSplitAcrossChunks() {
        StreamReader reader = new StreamReader();
        Task<byte[]> read = loop.createTask(reader.readuntil(b("!"), b("END")));
        for (String chunk : new String[] {"abcE", "N", "Dxyz!"}) {
            runUntilIdle();
            assertFalse(read.done(), "no separator ends yet");
            reader.feedData(b(chunk));
        }
        runUntilIdle();
        assertEquals("abcEND", new String(read.result(), US_ASCII));
        assertEquals("xyz!", rest(reader));
    }

    /** The limit with several separators: the match's start, and how far the longest one let the search get. */
    @Test
    void readuntilWithSeveralSeparatorsChecksTheLimit() {
        StreamReader reader = fed(3, "some dataAA");
        LimitOverrunError notFound = assertThrows(LimitOverrunError.class,
                () -> run(reader.readuntil(b("AAA"), b("AAAA"))));
        assertEquals("Separator is not found, and chunk exceed the limit", notFound.getMessage());
        assertEquals(8, notFound.consumed(), "11 bytes + 1 - the longest separator's 4");
        reader.feedData(b("A"));
        LimitOverrunError found = assertThrows(LimitOverrunError.class,
                () -> run(reader.readuntil(b("AAA"), b("AAAA"))));
        assertEquals("Separator is found, but chunk is longer than limit", found.getMessage());
        assertEquals(9, found.consumed());
        assertEquals("some dataAAA", rest(reader));
    }

    // ---- readexactly -----------------------------------------------------------------------

    @Test
    void readexactlyRejectsANegativeCountAndGivesNothingForZero() {
        StreamReader reader = fed(10, "abc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.readexactly(-1));
        assertEquals("readexactly size can not be less than zero", e.getMessage());
        assertArrayEquals(new byte[0], run(reader.readexactly(0)));
        assertEquals("abc", rest(reader));
    }

    @Test
    void readexactlyWaitsForAllTheBytes() {
        StreamReader reader = new StreamReader(3);
        Task<byte[]> read = waiting(reader.readexactly(12));
        reader.feedData(b("chunk"));
        runUntilIdle();
        assertFalse(read.done());
        reader.feedData(b("chunk"));
        reader.feedData(b("chunk"));
        runUntilIdle();
        assertArrayEquals(b("chunkchunkch"), read.result(), "the limit does not apply to readexactly");
        assertEquals("unk", rest(reader));
    }

    /** test_readexactly_eof. */
    @Test
    void readexactlyAtTheEndRaisesWithThePartialBytesAndTheCount() {
        StreamReader reader = new StreamReader();
        Task<byte[]> read = waiting(reader.readexactly(36));
        reader.feedData(b("chunk1\nchunk2\nchun"));
        reader.feedEof();
        runUntilIdle();
        IncompleteReadError e = assertInstanceOf(IncompleteReadError.class, read.exception());
        assertArrayEquals(b("chunk1\nchunk2\nchun"), e.partial());
        assertEquals(36, e.expected());
        assertEquals("18 bytes read on a total of 36 expected bytes", e.getMessage());
        assertTrue(reader.atEof(), "the buffer was cleared");
    }

    // ---- flow control ----------------------------------------------------------------------

    @Test
    void theTransportIsPausedOverTwiceTheLimitAndResumedAtTheLimit() {
        PausableTransport transport = new PausableTransport();
        StreamReader reader = new StreamReader(10);
        reader.setTransport(transport);
        reader.feedData(new byte[20]);
        assertTrue(transport.isReading(), "20 bytes is 2x the limit, not over it");
        reader.feedData(new byte[1]);
        assertFalse(transport.isReading());
        assertEquals(1, transport.pauses);

        reader.feedData(new byte[9]);
        assertEquals(1, transport.pauses, "already paused");
        run(reader.readexactly(19));
        assertFalse(transport.isReading(), "11 bytes left: over the limit");
        run(reader.readexactly(1));
        assertTrue(transport.isReading(), "10 bytes left: at the limit");
        assertEquals(1, transport.resumes);
    }

    @Test
    void aLimitOverHalfTheIntRangeDoesNotPauseTheTransport() {
        PausableTransport transport = new PausableTransport();
        StreamReader reader = new StreamReader(Integer.MAX_VALUE);
        reader.setTransport(transport);
        reader.feedData(new byte[1024]);
        assertTrue(transport.isReading());
        assertEquals(0, transport.pauses);
    }

    @Test
    void aReadWaitingForMoreThanIsBufferedResumesThePausedTransport() {
        PausableTransport transport = new PausableTransport();
        StreamReader reader = new StreamReader(2);
        reader.setTransport(transport);
        reader.feedData(new byte[5]);
        assertFalse(transport.isReading());
        Task<byte[]> read = waiting(reader.readexactly(8));
        assertTrue(transport.isReading(), "otherwise the read could never complete");
        reader.feedData(new byte[3]);
        runUntilIdle();
        assertEquals(8, read.result().length);
    }

    @Test
    void theTransportIsSetOnce() {
        StreamReader reader = new StreamReader();
        reader.setTransport(new PausableTransport());
        assertThrows(IllegalStateException.class, () -> reader.setTransport(new PausableTransport()));
    }

    @Test
    void readlineOverTheLimitResumesThePausedTransport() {
        PausableTransport transport = new PausableTransport();
        StreamReader reader = new StreamReader(3);
        reader.setTransport(transport);
        reader.feedData(b("0123456\nab"));
        assertFalse(transport.isReading());
        assertThrows(LimitOverrunError.class, () -> run(reader.readline()));
        assertTrue(transport.isReading(), "2 bytes left after the discarded line");
    }

    /** Records pauseReading/resumeReading; everything else is unused by the reader. */
    private static final class PausableTransport implements Transport {
        int pauses;
        int resumes;
        private boolean reading = true;

        @Override
        public void pauseReading() {
            pauses++;
            reading = false;
        }

        @Override
        public void resumeReading() {
            resumes++;
            reading = true;
        }

        @Override
        public boolean isReading() {
            return reading;
        }

        @Override
        public void write(byte[] data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(ByteBuffer data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void writeEof() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean canWriteEof() {
            return false;
        }

        @Override
        public int getWriteBufferSize() {
            return 0;
        }

        @Override
        public void setWriteBufferLimits(int high, int low) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int[] getWriteBufferLimits() {
            return new int[] {0, 0};
        }

        @Override
        public void setProtocol(Protocol protocol) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Protocol getProtocol() {
            return null;
        }

        @Override
        public void close() {}

        @Override
        public void abort() {}

        @Override
        public boolean isClosing() {
            return false;
        }

        @Override
        public Object getExtraInfo(String name, Object defaultValue) {
            return defaultValue;
        }
    }
}
