package fixtures;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.emit;
import static io.jasyncio.Asyncio.end;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.AsyncGenerator;
import io.jasyncio.AsyncIterator;
import io.jasyncio.Asyncio;
import io.jasyncio.Awaitable;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import java.util.List;

public class Iteration {
    /** Emits each of {@code words}, waiting on {@code gate} before the one at {@code waitAt}. */
    @Async
    public AsyncGenerator<String> words(List<String> words, int waitAt, Future<Void> gate) {
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i == waitAt) {
                await(gate);
            }
            seen.append(words.get(i));
            await(emit(seen.toString()));
        }
        return end();
    }

    @Async
    public Coroutine<String> joined(AsyncIterator<String> values) {
        StringBuilder all = new StringBuilder();
        while (await(values.hasNext())) {
            all.append(values.next()).append(';');
        }
        return result(all.toString());
    }

    /** As {@link #joined}, with each answer kept boxed before it is tested. */
    @Async
    public Coroutine<String> joinedBoxed(AsyncIterator<String> values) {
        StringBuilder all = new StringBuilder();
        Boolean more = await(values.hasNext());
        while (more) {
            all.append(values.next()).append(';');
            more = await(values.hasNext());
        }
        return result(all.toString());
    }

    /** An async iterator of its own: each hasNext gives a done future, as a queue's may. */
    public static final class Countdown implements AsyncIterator<String> {
        private int left;
        public int asked;

        public Countdown(int left) {
            this.left = left;
        }

        @Override
        public Awaitable<Boolean> hasNext() {
            asked++;
            Future<Boolean> answer = Asyncio.getRunningLoop().createFuture();
            answer.setResult(left > 0);
            return answer;
        }

        @Override
        public String next() {
            return "n" + left--;
        }
    }
}
