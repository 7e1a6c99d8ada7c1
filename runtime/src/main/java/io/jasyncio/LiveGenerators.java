package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.internal.GeneratorFrame;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The async generators that started on a loop and have not finished, for
 * {@link EventLoop#shutdownAsyncgens()}: asyncio's {@code _asyncgens}. Held weakly, as asyncio
 * holds them, so that a generator its consumer dropped unfinished is not kept until the loop
 * closes; Java cannot run the finally blocks of an unreachable generator, so such a one is
 * never closed.
 *
 * <p>A doubly-linked list of weak links, each held by its generator: starting and finishing a
 * generator links and unlinks in constant time, with no hashing (an identity hash would be
 * computed for every generator). A finished generator lets go of its link, which is then
 * garbage like any object (clearing it would cost a native call); the links of generators
 * collected unfinished come back through a queue and are unlinked at the next start. Only the
 * loop's thread uses it.
 */
final class LiveGenerators {
    /** A generator's place in the list. */
    static final class Link extends WeakReference<GeneratorFrame> {
        Link previous;
        Link next;

        Link(GeneratorFrame generator, ReferenceQueue<GeneratorFrame> collected) {
            super(generator, collected);
        }
    }

    private final ReferenceQueue<GeneratorFrame> collected = new ReferenceQueue<>();
    private Link head;

    /** A generator's first step has begun on the loop: the link it keeps until it finishes. */
    Link add(GeneratorFrame generator) {
        for (Reference<? extends GeneratorFrame> gone; (gone = collected.poll()) != null; ) {
            unlink((Link) gone);
        }
        Link link = new Link(generator, collected);
        link.next = head;
        if (head != null) {
            head.previous = link;
        }
        head = link;
        return link;
    }

    /** A generator has finished: its link goes (and, unreachable, is garbage like any object). */
    void remove(Link link) {
        unlink(link);
    }

    private void unlink(Link link) {
        if (link.previous != null) {
            link.previous.next = link.next;
        } else if (head == link) {
            head = link.next;
        } else {
            return; // unlinked already
        }
        if (link.next != null) {
            link.next.previous = link.previous;
        }
        link.previous = null;
        link.next = null;
    }

    /**
     * Closes every generator here that has not finished, all at once, each in a task of its
     * own; a close that fails goes to {@code loop}'s exception handler.
     */
    @Async
    Coroutine<Void> closeAll(EventLoop loop) {
        List<GeneratorFrame> closing = new ArrayList<>();
        for (Link link = head; link != null; link = link.next) {
            GeneratorFrame generator = link.get();
            if (generator != null && !generator.finished()) {
                closing.add(generator);
            }
        }
        head = null;
        if (closing.isEmpty()) {
            return result();
        }
        List<Awaitable<Void>> closes = new ArrayList<>();
        for (GeneratorFrame generator : closing) {
            closes.add(generator.aclose());
        }
        List<Object> outcomes = await(Asyncio.gather(true, closes));
        for (int i = 0; i < closing.size(); i++) {
            if (outcomes.get(i) instanceof Throwable failure && !(failure instanceof CancelledError)) {
                loop.callExceptionHandler(ExceptionContext.of("an error occurred during closing of asynchronous"
                        + " generator " + closing.get(i), failure).with("asyncgen", closing.get(i)));
            }
        }
        return result();
    }
}
