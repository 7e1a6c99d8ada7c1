package io.jasyncio;

/**
 * What an {@code @Async} method declared to return {@code AsyncGenerator<T>} returns: asyncio's
 * asynchronous generator. Its body hands out values with {@code await(emit(value))} and ends
 * with {@code return end();}; it runs inline in the task of its consumer, a step for each
 * {@code hasNext()}, from where it stopped to its next {@code emit} (true), its end (false) or
 * its failure (thrown where the answer is awaited). The first step runs when its answer is
 * awaited; once the generator has stopped at an emit, {@code hasNext()} called from a task of
 * its loop runs the step at once, as C#'s {@code MoveNextAsync} does, so work between the call
 * and the await sees what the step did. Called anywhere else, it runs when awaited.
 *
 * <pre>{@code
 * @Async
 * AsyncGenerator<Page> pages(String url) {
 *     for (String next = url; next != null; ) {
 *         Page page = await(fetch(next));
 *         await(emit(page));
 *         next = page.nextUrl();
 *     }
 *     return end();
 * }
 *
 * try (AsyncGenerator<Page> pages = pages(first)) {   // in an @Async method
 *     while (await(pages.hasNext())) {
 *         show(pages.next());
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #aclose()} (and try-with-resources) stops a generator at its pending {@code emit}:
 * the {@code emit} throws {@link GeneratorExit} there, so the generator's {@code finally}
 * blocks run, and may await; a generator that emits again instead is an error. One task at a
 * time may step a generator.
 *
 * @param <T> the values it emits
 */
public interface AsyncGenerator<T> extends AsyncIterator<T>, AsyncCloseable {}
