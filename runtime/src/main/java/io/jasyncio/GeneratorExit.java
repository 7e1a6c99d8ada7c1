package io.jasyncio;

/**
 * Thrown at an async generator's pending {@code emit} by {@link AsyncGenerator#aclose()}, so
 * that its {@code finally} blocks run: asyncio's {@code GeneratorExit}. A generator lets it
 * out (or returns); catching it and emitting again is an error. Like Python's, it is not an
 * {@code Exception}, so that a generator's {@code catch (Exception e)} does not take it.
 */
public class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    public GeneratorExit() {
        super("the async generator is being closed", null, false, false);
    }
}
