package io.jasyncio.agent;

import java.nio.charset.StandardCharsets;

/**
 * Whether a class file may have coroutine bodies to rewrite, read off its constant pool without
 * parsing anything else or allocating: an {@code @Async} method's class holds the UTF-8 constant
 * {@code Lio/jasyncio/Async;}, and a class whose lambdas or anonymous methods await refers to
 * the class {@code io/jasyncio/Asyncio}. Every class the JVM loads passes through here, so this
 * is what the agent costs a program's other classes.
 */
final class ConstantPoolScan {
    private static final byte[] ASYNC = "Lio/jasyncio/Async;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASYNCIO = "io/jasyncio/Asyncio".getBytes(StandardCharsets.US_ASCII);

    private ConstantPoolScan() {}

    /**
     * True if {@code classFile}'s constant pool holds {@code Lio/jasyncio/Async;} or
     * {@code io/jasyncio/Asyncio}; false for anything unreadable.
     */
    static boolean mentionsAsync(byte[] classFile) {
        if (classFile.length < 10) {
            return false;
        }
        int count = u2(classFile, 8);
        int at = 10;
        for (int index = 1; index < count; index++) {
            if (at >= classFile.length) {
                return false;
            }
            int tag = classFile[at] & 0xFF;
            switch (tag) {
                case 1 -> { // Utf8: length, then the bytes
                    if (at + 3 > classFile.length) {
                        return false;
                    }
                    int length = u2(classFile, at + 1);
                    if (length == ASYNC.length && matches(classFile, at + 3, ASYNC)
                            || length == ASYNCIO.length && matches(classFile, at + 3, ASYNCIO)) {
                        return true;
                    }
                    at += 3 + length;
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5; // Integer, Float, refs, NameAndType, dynamics
                case 5, 6 -> { // Long, Double take two entries
                    at += 9;
                    index++;
                }
                case 7, 8, 16, 19, 20 -> at += 3; // Class, String, MethodType, Module, Package
                case 15 -> at += 4; // MethodHandle
                default -> {
                    return false; // not a class file this scan knows: leave the class alone
                }
            }
        }
        return false;
    }

    private static boolean matches(byte[] classFile, int from, byte[] wanted) {
        if (from + wanted.length > classFile.length) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (classFile[from + i] != wanted[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u2(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }
}
