package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** addSignalHandler's refusals (the signals themselves are sent to child JVMs in the integration tests). */
class SignalHandlerTest extends LoopTestBase {

    @Test
    void anUnknownSignalIsRefusedAndRemovingWhatWasNeverAddedSaysSo() {
        assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler("NOSUCHSIGNAL", () -> { }));
        assertFalse(loop.removeSignalHandler("HUP"));
    }

    @Test
    void aClosedLoopRefuses() {
        loop.close();
        assertThrows(IllegalStateException.class, () -> loop.addSignalHandler("HUP", () -> { }));
    }
}
