package io.jasyncio.net;

/**
 * The stream ended before the requested data: asyncio's {@code IncompleteReadError}. Carries
 * what was read.
 */
public class IncompleteReadError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final byte[] partial;
    private final Integer expected;

    /**
     * @param partial the bytes read before the end of the stream
     * @param expected how many were wanted, or null when not known (a separator was awaited)
     */
    public IncompleteReadError(byte[] partial, Integer expected) {
        super(partial.length + " bytes read on a total of "
                + (expected == null ? "undefined" : expected) + " expected bytes");
        this.partial = partial.clone();
        this.expected = expected;
    }

    /** The bytes read before the end of the stream (a copy). */
    public byte[] partial() {
        return partial.clone();
    }

    /** How many bytes were wanted; null for {@code readuntil}. */
    public Integer expected() {
        return expected;
    }
}
