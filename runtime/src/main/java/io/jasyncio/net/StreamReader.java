package io.jasyncio.net;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.AsyncIterator;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.internal.EagerIterator;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The reading side of a stream connection: asyncio's {@code StreamReader}. Its methods return
 * coroutines to await; only one of them may wait for data at a time.
 *
 * <pre>{@code
 * byte[] line = await(reader.readline());        // up to and including '\n'; empty at EOF
 * byte[] header = await(reader.readexactly(4));  // IncompleteReadError if the stream ends first
 * }</pre>
 *
 * <p>The buffer holds at most about twice {@link #limit() the limit} before the transport's
 * reading is paused, so a peer that sends faster than this side reads cannot grow it without
 * bound; a separator searched beyond the limit is a {@link LimitOverrunError}.
 */
public final class StreamReader {
    /*
     * Implementation: the bytes live in `buffer` between `start` and `end`; the transport reads
     * straight into the free space after `end` (StreamReaderProtocol is a BufferedProtocol), so
     * received data is copied once into the buffer and once into the array a read returns.
     * `view` is a ByteBuffer over the same array, repositioned instead of reallocated.
     */
    /** asyncio's default limit: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;
    private static final int MIN_READ_ROOM = 16 * 1024;
    private static final byte[] NEWLINE = {'\n'};
    private static final byte[][] NEWLINE_ONLY = {NEWLINE};

    private final int limit;
    private byte[] buffer = new byte[0];
    private ByteBuffer view = ByteBuffer.wrap(buffer);
    private int start;
    private int end;
    private boolean eof;
    private RuntimeException exception;
    private Future<Void> waiter;
    private Transport transport;
    private boolean paused;

    /** A reader with the default limit of 64 KiB. */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /**
     * @param limit the longest line or separated chunk, and half the buffer size at which
     *     reading from the transport pauses
     * @throws IllegalArgumentException if {@code limit <= 0}
     */
    public StreamReader(int limit) {
        this.limit = checkLimit(limit);
    }

    static int checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
        return limit;
    }

    public int limit() {
        return limit;
    }

    // ---- feeding (the protocol's side) -----------------------------------------------------

    /** Attaches the transport to pause and resume. */
    public void setTransport(Transport transport) {
        if (this.transport != null) {
            throw new IllegalStateException("Transport already set");
        }
        this.transport = transport;
    }

    /** After a TLS upgrade: the transport whose reading this reader pauses and resumes from now on. */
    void replaceTransport(Transport upgraded) {
        this.transport = upgraded;
    }

    /** Appends {@code data} and wakes the waiting read. Empty data is ignored. */
    public void feedData(byte[] data) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        if (data.length == 0) {
            return;
        }
        ensureRoom(data.length);
        System.arraycopy(data, 0, buffer, end, data.length);
        dataAdded(data.length);
    }

    /** Marks the end of the stream and wakes the waiting read. */
    public void feedEof() {
        eof = true;
        wakeUp();
    }

    /** Makes the waiting read and every later one throw {@code exc}. */
    public void setException(RuntimeException exc) {
        exception = exc;
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.cancelled()) {
                w.setException(exc);
            }
        }
    }

    /** The exception set with {@link #setException}, or null. */
    public RuntimeException exception() {
        return exception;
    }

    /** True once the stream has ended and every byte was read. */
    public boolean atEof() {
        return eof && start == end;
    }

    /** Free space for the transport to read into, at least {@code sizeHint} bytes when it says. */
    ByteBuffer bufferForRead(int sizeHint) {
        ensureRoom(Math.max(sizeHint, MIN_READ_ROOM));
        return view.limit(buffer.length).position(end);
    }

    /** The transport wrote {@code n} bytes at {@link #end}. */
    void dataAdded(int n) {
        end += n;
        wakeUp();
        // 2L: twice a limit over 2^30 overflows an int, which paused the transport at every read
        if (transport != null && !paused && end - start > 2L * limit) {
            try {
                transport.pauseReading();
                paused = true;
            } catch (UnsupportedOperationException e) {
                // a transport that cannot pause: keep reading
            }
        }
    }

    private void ensureRoom(int room) {
        if (buffer.length - end >= room) {
            return;
        }
        int size = end - start;
        if (buffer.length - size >= room && start > 0 && size <= buffer.length / 2) {
            System.arraycopy(buffer, start, buffer, 0, size);
        } else {
            byte[] grown = new byte[Math.max(buffer.length * 2, size + room)];
            System.arraycopy(buffer, start, grown, 0, size);
            buffer = grown;
            view = ByteBuffer.wrap(grown);
        }
        start = 0;
        end = size;
    }

    private void wakeUp() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    // ---- reading ---------------------------------------------------------------------------

    /**
     * Up to {@code n} bytes: waits until at least one is there (or the stream ends), then
     * returns what is buffered, at most {@code n}. Empty at the end of the stream or for
     * {@code n == 0}; a negative {@code n} reads until the end of the stream.
     */
    @Async
    public Coroutine<byte[]> read(int n) {
        while (true) {
            checkException();
            int size = end - start;
            if (n == 0) {
                return result(new byte[0]);
            }
            if (n < 0 ? eof : size > 0 || eof) {
                return result(take(n < 0 ? size : Math.min(n, size)));
            }
            await(waitForData("read"));
        }
    }

    /** Everything until the end of the stream. */
    public Coroutine<byte[]> read() {
        return read(-1);
    }

    /**
     * One line, with its {@code '\n'}. At the end of the stream: the partial line, or an empty
     * array. A line longer than the limit is discarded and reported as a
     * {@link LimitOverrunError} (which is an {@link IllegalArgumentException}, asyncio's
     * {@code ValueError} here).
     */
    public Coroutine<byte[]> readline() {
        return readuntil(NEWLINE_ONLY, true);
    }

    /**
     * Exactly {@code n} bytes.
     *
     * @throws IncompleteReadError (when awaited) if the stream ends first, with the bytes read
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public Coroutine<byte[]> readexactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("readexactly size can not be less than zero");
        }
        return readingExactly(n);
    }

    @Async
    private Coroutine<byte[]> readingExactly(int n) {
        while (true) {
            checkException();
            int size = end - start;
            if (size >= n) {
                return result(take(n));
            }
            if (eof) {
                throw new IncompleteReadError(take(size), n);
            }
            await(waitForData("readexactly"));
        }
    }

    /**
     * The data up to and including {@code separator}.
     *
     * @throws IncompleteReadError (when awaited) if the stream ends first, with all the data
     * @throws LimitOverrunError (when awaited) if the separator is not within the limit; the
     *     data stays in the buffer
     */
    public Coroutine<byte[]> readuntil(byte[] separator) {
        if (separator.length == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        return readuntil(new byte[][] {separator.clone()}, false);
    }

    /**
     * The data up to and including whichever of {@code separators} ends first in it (asyncio
     * 3.13's tuple of separators). The limit is checked as {@link #readuntil(byte[])} checks
     * it: against where the match starts (the shorter separator's, when two end together), and
     * against how far a search has got, which the longest separator decides.
     *
     * @throws IllegalArgumentException if there is no separator, or one is empty
     */
    public Coroutine<byte[]> readuntil(byte[]... separators) {
        if (separators.length == 0) {
            throw new IllegalArgumentException("Separator should contain at least one element");
        }
        byte[][] sorted = new byte[separators.length][];
        for (int i = 0; i < separators.length; i++) {
            if (separators[i].length == 0) {
                throw new IllegalArgumentException("Separator should be at least one-byte string");
            }
            sorted[i] = separators[i].clone();
        }
        Arrays.sort(sorted, java.util.Comparator.comparingInt(separator -> separator.length));
        return readuntil(sorted, false);
    }

    /**
     * {@link #readuntil(byte[]...)} with the separators sorted shortest first, or, for
     * {@code line}, {@link #readline()}: at the end of the stream the partial line instead of
     * an {@link IncompleteReadError}, and a line over the limit dropped from the buffer before
     * the {@link LimitOverrunError}. How far the search got is kept between waits, so that data
     * arriving a little at a time is not scanned again and again.
     */
    @Async
    private Coroutine<byte[]> readuntil(byte[][] separators, boolean line) {
        int scanned = 0;
        while (true) {
            checkException();
            int matchStart = -1;
            int matchEnd = Integer.MAX_VALUE;
            for (byte[] separator : separators) {
                int index = indexOf(separator, scanned);
                if (index >= 0 && index + separator.length < matchEnd) {
                    matchStart = index;
                    matchEnd = index + separator.length;
                }
            }
            if (matchStart >= 0) {
                if (matchStart > limit) {
                    throw overrun("Separator is found, but chunk is longer than limit", matchStart, line);
                }
                return result(take(matchEnd));
            }
            int size = end - start;
            scanned = Math.max(0, size + 1 - separators[separators.length - 1].length);
            if (scanned > limit) {
                throw overrun("Separator is not found, and chunk exceed the limit", scanned, line);
            }
            if (eof) {
                if (line) {
                    return result(take(size));
                }
                throw new IncompleteReadError(take(size), null);
            }
            await(waitForData(line ? "readline" : "readuntil"));
        }
    }

    /**
     * The stream's lines, each with its {@code '\n'} (the last one perhaps without), until the
     * end of the stream: asyncio's {@code async for line in reader}. Each {@code hasNext()} is a
     * {@link #readline()}, with its errors.
     *
     * <pre>{@code
     * AsyncIterator<byte[]> lines = reader.lines();
     * while (await(lines.hasNext())) {
     *     handle(lines.next());
     * }
     * }</pre>
     */
    public AsyncIterator<byte[]> lines() {
        return new Lines();
    }

    /**
     * {@link #lines()}: a line read ahead by {@code hasNext()}, handed out by {@code next()}.
     * Where a whole line is in the buffer already, {@code await(lines.hasNext())} takes it at
     * once, as {@code readline()} does, without a coroutine of its own.
     */
    private final class Lines implements AsyncIterator<byte[]>, EagerIterator {
        private byte[] line;
        private boolean ended;

        @Override
        public Object hasNextNow() {
            if (line == null && !ended) {
                line = bufferedLine();
            }
            return line != null ? Boolean.TRUE : hasNext();
        }

        @Async
        @Override
        public Coroutine<Boolean> hasNext() {
            if (line == null && !ended) {
                byte[] read = await(readline());
                if (read.length == 0) {
                    ended = true;
                } else {
                    line = read;
                }
            }
            return result(line != null);
        }

        @Override
        public byte[] next() {
            byte[] next = line;
            if (next == null) {
                throw new java.util.NoSuchElementException("next() without a hasNext() that completed with true");
            }
            line = null;
            return next;
        }
    }

    /** {@link #readuntil(byte[])} with {@code "\n"}. */
    public Coroutine<byte[]> readuntil() {
        return readuntil(NEWLINE);
    }

    /** Bytes to return: removes them from the buffer and resumes a paused transport. */
    private byte[] take(int n) {
        byte[] taken = Arrays.copyOfRange(buffer, start, start + n);
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        maybeResumeTransport();
        return taken;
    }

    private void maybeResumeTransport() {
        if (paused && end - start <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    /**
     * The error for a separator beyond the limit; for a line, the line is dropped first (up to
     * and including its newline if it is there, else all that is buffered), as asyncio's
     * {@code readline} does, so that the next read starts after it.
     */
    private LimitOverrunError overrun(String message, int consumed, boolean line) {
        if (line) {
            boolean newlineFollows = indexOf(NEWLINE, consumed) == consumed;
            take(newlineFollows ? consumed + NEWLINE.length : end - start);
        }
        return new LimitOverrunError(message, consumed);
    }

    /**
     * What {@code readline()} returns without waiting where a whole line, within the limit, is
     * in the buffer already: taken. Null where it would wait, fail or give the rest before the
     * end.
     */
    private byte[] bufferedLine() {
        if (exception != null) {
            return null;
        }
        int newline = indexOf(NEWLINE, 0);
        return newline >= 0 && newline <= limit ? take(newline + NEWLINE.length) : null;
    }

    private void checkException() {
        if (exception != null) {
            throw exception;
        }
    }

    /**
     * The future a read awaits until data comes, the stream ends or fails. Data and failures
     * clear {@link #waiter} as they complete it; a read cancelled meanwhile leaves it done,
     * and the next read then replaces it.
     */
    private Future<Void> waitForData(String operation) {
        if (waiter != null && !waiter.done()) {
            throw new IllegalStateException(operation
                    + "() called while another coroutine is already waiting for incoming data");
        }
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        waiter = Asyncio.getRunningLoop().createFuture();
        return waiter;
    }

    /** The index of {@code separator} in the buffered data from {@code from}, or -1. */
    private int indexOf(byte[] separator, int from) {
        int last = end - separator.length;
        byte first = separator[0];
        outer:
        for (int i = start + from; i <= last; i++) {
            if (buffer[i] != first) {
                continue;
            }
            for (int j = 1; j < separator.length; j++) {
                if (buffer[i + j] != separator[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<StreamReader");
        if (end > start) {
            s.append(' ').append(end - start).append(" bytes");
        }
        if (eof) {
            s.append(" eof");
        }
        if (limit != DEFAULT_LIMIT) {
            s.append(" limit=").append(limit);
        }
        if (waiter != null && !waiter.done()) {
            s.append(" waiter=").append(waiter);
        }
        if (exception != null) {
            s.append(" exception=").append(exception);
        }
        if (transport != null) {
            s.append(" transport=").append(transport);
        }
        if (paused) {
            s.append(" paused");
        }
        return s.append('>').toString();
    }
}
