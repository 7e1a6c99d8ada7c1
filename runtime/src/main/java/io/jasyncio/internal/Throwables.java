package io.jasyncio.internal;

/**
 * Rethrows a throwable unchanged, checked or not, without declaring it.
 *
 * <p>Futures and awaits must hand back the <em>original</em> exception object (same type, same
 * stack trace), as asyncio does, even when it is a checked exception that the calling method
 * cannot declare. Wrapping it would change what a user's {@code catch} sees.
 */
public final class Throwables {
    private Throwables() {}

    /**
     * Throws {@code t} as it is. Declared to return an exception so that callers can write
     * {@code throw Throwables.sneakyThrow(t);} and keep javac's flow analysis happy.
     */
    public static RuntimeException sneakyThrow(Throwable t) {
        throw Throwables.<RuntimeException>uncheckedCast(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E uncheckedCast(Throwable t) throws E {
        throw (E) t;
    }
}
