package fixtures;

import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;

public class Returns {
    /** A generic interface: javac generates a bridge for the override below. */
    public interface Fn<A> {
        Coroutine<Integer> apply(A a);
    }

    public static class Impl implements Fn<Integer> {
        @Async
        public Coroutine<Integer> apply(Integer x) {
            return result(x + 1);
        }
    }

    @Async
    public Coroutine<Integer> returnsAFuture(Future<Integer> f) {
        return f;
    }
}
