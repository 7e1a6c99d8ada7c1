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

    /**
     * javac spills the operand stack, the unfinished RuntimeException and its copy included,
     * into locals before a switch expression that contains a try.
     */
    @Async
    public Coroutine<String> switchWithTryInArguments(Future<Integer> a) {
        int x = a.hashCode() * 0 + 4;
        RuntimeException e = new RuntimeException(switch (x) {
            case 4 -> {
                try {
                    x++;
                } finally {
                    x--;
                }
                yield "s" + await(a) + x;
            }
            default -> "b";
        });
        return result(e.getMessage());
    }

    /** The same, with an argument evaluated before the switch and two objects unfinished at once. */
    @Async
    public Coroutine<String> switchWithTryInNestedArguments(Future<Integer> a) {
        int x = a.hashCode() * 0 + 1;
        String s = new StringBuilder("<").append(new AbstractMap.SimpleEntry<>("k", switch (x) {
            case 1 -> {
                try {
                    x += await(a);
                } finally {
                    x *= 2;
                }
                yield x;
            }
            default -> 0;
        })).append(">").toString();
        return result(s);
    }
}
