package fixtures;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import java.util.AbstractMap;

public class Constructors {
    record Point(long x, double y, String label) {}

    @Async
    public Coroutine<String> pointFromAwaits(Future<Integer> a, Future<Integer> b) {
        Point p = new Point(a.hashCode() * 0L + 1, await(b) * 0.5, "p" + await(a));
        return result(p.toString());
    }

    @Async
    public Coroutine<String> nested(Future<Integer> a) {
        StringBuilder sb = new StringBuilder(new String("x" + await(a)));
        Object pair = new AbstractMap.SimpleEntry<>(new StringBuilder("k").append(await(a)).toString(),
                a.done() ? await(a) : -1);
        return result(sb + "|" + pair);
    }
}
