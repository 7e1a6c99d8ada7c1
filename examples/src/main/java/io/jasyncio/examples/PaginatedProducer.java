package io.jasyncio.examples;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.emit;
import static io.jasyncio.Asyncio.end;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Async;
import io.jasyncio.AsyncGenerator;
import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import java.util.List;

/**
 * A paginated API read as one stream of items, with an async generator: it fetches a page only
 * when the consumer has taken the previous page's items, and its {@code finally} runs when the
 * consumer stops early (try-with-resources closes it at its pending {@code emit}).
 *
 * <pre>
 * fetching page 1
 * item 1
 * item 2
 * item 3
 * fetching page 2
 * item 4
 * enough: stopping early
 * the generator closed its cursor
 * </pre>
 */
public final class PaginatedProducer {
    private static final List<List<String>> PAGES = List.of(
            List.of("item 1", "item 2", "item 3"), List.of("item 4", "item 5", "item 6"), List.of("item 7"));

    private PaginatedProducer() {}

    /** A page of the fake API, after a network's delay; null past the last one. */
    @Async
    static Coroutine<List<String>> fetchPage(int number) {
        System.out.println("fetching page " + number);
        return result(await(sleep(0.01, number <= PAGES.size() ? PAGES.get(number - 1) : null)));
    }

    /** Every item of every page, fetching each page as the consumer gets to it. */
    @Async
    static AsyncGenerator<String> items() {
        try {
            for (int page = 1; ; page++) {
                List<String> items = await(fetchPage(page));
                if (items == null) {
                    return end();
                }
                for (String item : items) {
                    await(emit(item));
                }
            }
        } finally {
            System.out.println("the generator closed its cursor");
        }
    }

    @Async
    static Coroutine<Void> main() {
        try (AsyncGenerator<String> items = items()) {
            while (await(items.hasNext())) {
                String item = items.next();
                System.out.println(item);
                if (item.equals("item 4")) {
                    System.out.println("enough: stopping early");
                    break;
                }
            }
        }
        return result();
    }

    public static void main(String[] args) {
        Asyncio.run(main());
    }
}
