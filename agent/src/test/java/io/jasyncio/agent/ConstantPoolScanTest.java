package io.jasyncio.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Async;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The agent's filter, the constant pool scan, and what the transformer does with what passes it. */
class ConstantPoolScanTest {
    static final class WithAsync {
        @Async
        Coroutine<Integer> one() {
            return Asyncio.result(1);
        }

        long big = 1L << 40; // a Long constant: two entries of the pool
        double ratio = 0.5;
    }

    static final class OnlyNamesTheType {
        void takes(Async annotation) {}
    }

    private static byte[] bytesOf(Class<?> type) throws IOException {
        String file = type.getName().substring(type.getPackageName().length() + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(file)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aClassWithAnAsyncMethodIsPicked() throws IOException {
        assertTrue(ConstantPoolScan.mentionsAsync(bytesOf(WithAsync.class)));
    }

    @Test
    void classesThatNeverNameTheAnnotationAreNot() throws IOException {
        assertFalse(ConstantPoolScan.mentionsAsync(bytesOf(FrameClassDefiner.class)));
        assertFalse(ConstantPoolScan.mentionsAsync(bytesOf(String.class)));
    }

    @Test
    void aClassThatOnlyNamesTheTypeMayPassTheScanButTheTransformerLeavesItAlone() throws IOException {
        // A parameter of type Async puts the same constant in the local variable table: the scan
        // is a filter, and the pass decides from the methods' annotations.
        AsyncClassFileTransformer transformer = new AsyncClassFileTransformer(new FrameClassDefiner(null));
        byte[] onlyNames = bytesOf(OnlyNamesTheType.class);
        assertNull(transformer.transform(getClass().getClassLoader(),
                "io/jasyncio/agent/ConstantPoolScanTest$OnlyNamesTheType", null, null, onlyNames));
        byte[] withAsync = bytesOf(WithAsync.class);
        assertNotNull(transformer.transform(new ClassLoader(getClass().getClassLoader()) {},
                "io/jasyncio/agent/ConstantPoolScanTest$WithAsync", null, null, withAsync));
    }

    @Test
    void truncatedOrGarbageBytesAreNotPickedAndDoNotThrow() throws IOException {
        byte[] whole = bytesOf(WithAsync.class);
        for (int length = 0; length < whole.length; length += 7) {
            ConstantPoolScan.mentionsAsync(Arrays.copyOf(whole, length));
        }
        assertFalse(ConstantPoolScan.mentionsAsync(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE,
                0, 0, 0, 61, 0, 3, 99, 1, 2}));
    }
}
