package io.jasyncio.net;

import io.jasyncio.EventLoop;
import io.jasyncio.ExceptionContext;

/**
 * A transport's write-buffer water marks and whether its protocol is paused: asyncio's
 * {@code _FlowControlMixin}. The transport reports its buffer size after each change; this
 * calls the protocol's {@code pauseWriting} when the size goes over the high-water mark and
 * {@code resumeWriting} when it falls to the low one, once per crossing. A protocol callback
 * that throws is reported to the loop's exception handler, and the transport goes on.
 */
final class WriteFlowControl {
    private static final int DEFAULT_HIGH_WATER = 64 * 1024;

    private final EventLoop loop;
    private final BaseTransport transport;
    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_HIGH_WATER / 4;
    private boolean paused;

    WriteFlowControl(EventLoop loop, BaseTransport transport) {
        this.loop = loop;
        this.transport = transport;
    }

    /**
     * {@link Transport#setWriteBufferLimits}: sets the marks and pauses the protocol if the
     * buffer is already over the new high one.
     */
    void setLimits(int high, int low, int bufferSize, BaseProtocol protocol) {
        if (!(high >= low && low >= 0)) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        highWater = high;
        lowWater = low;
        bufferGrew(bufferSize, protocol);
    }

    /** {@link Transport#getWriteBufferLimits}: {@code {low, high}}. */
    int[] limits() {
        return new int[] {lowWater, highWater};
    }

    /** The buffer grew to {@code bufferSize}: pause the protocol if it went over the high mark. */
    void bufferGrew(int bufferSize, BaseProtocol protocol) {
        if (paused || bufferSize <= highWater) {
            return;
        }
        paused = true;
        try {
            protocol.pauseWriting();
        } catch (RuntimeException | Error e) {
            report("protocol.pauseWriting() failed", e, protocol);
        }
    }

    /** The buffer shrank to {@code bufferSize}: resume the protocol if it fell to the low mark. */
    void bufferShrank(int bufferSize, BaseProtocol protocol) {
        if (!paused || bufferSize > lowWater) {
            return;
        }
        paused = false;
        try {
            protocol.resumeWriting();
        } catch (RuntimeException | Error e) {
            report("protocol.resumeWriting() failed", e, protocol);
        }
    }

    private void report(String message, Throwable e, BaseProtocol protocol) {
        loop.callExceptionHandler(ExceptionContext.of(message, e)
                .with("transport", transport)
                .with("protocol", protocol));
    }
}
