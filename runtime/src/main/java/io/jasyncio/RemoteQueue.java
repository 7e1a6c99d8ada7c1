package io.jasyncio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Callbacks submitted by other threads ({@link EventLoop#callSoonThreadsafe}), handed to the
 * loop thread without locks and without copying.
 *
 * <p>Implementation: Dmitry Vyukov's intrusive multi-producer single-consumer queue, linked
 * through {@link Handle#nextRemote} in arrival order. A producer swaps itself in as the tail
 * (one {@code getAndSet}) and then links its predecessor to itself, so a push allocates nothing
 * beyond the handle. The loop thread takes a snapshot of the tail and walks from its head to
 * that snapshot, handing each handle over as it goes: every handle is touched once, callbacks
 * from any one thread come out in the order that thread submitted them, each exactly once.
 * Between a producer's swap and its link the chain is briefly broken; the walker waits for the
 * link, which is the producer's very next store.
 */
final class RemoteQueue {
    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Handle.class, "nextRemote", Handle.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What {@link #forEachPending} hands each submitted handle to. */
    interface Sink {
        void accept(Handle handle);
    }

    private final Handle stub = new Handle(null);
    private final AtomicReference<Handle> tail = new AtomicReference<>(stub);
    /** Loop thread only: the last handle handed over (or the stub); its successor is next. */
    private Handle head = stub;

    /** Any thread. */
    void push(Handle handle) {
        NEXT.setRelease(handle, (Handle) null);
        Handle previous = tail.getAndSet(handle);
        NEXT.setRelease(previous, handle);
    }

    /** Loop thread: true if nothing was submitted since the last {@link #forEachPending}. */
    boolean isEmpty() {
        return tail.get() == head;
    }

    /**
     * Loop thread: hands every handle submitted before this call to {@code sink}, oldest
     * first. Handles submitted meanwhile (by the sink, or other threads) wait for the next call.
     */
    void forEachPending(Sink sink) {
        Handle last = tail.get();
        Handle node = head;
        while (node != last) {
            Handle next;
            while ((next = (Handle) NEXT.getAcquire(node)) == null) {
                Thread.onSpinWait();
            }
            head = next;
            node = next;
            sink.accept(node);
        }
    }

    /** Drops everything submitted (the loop is closing). */
    void clear() {
        NEXT.setRelease(stub, (Handle) null);
        tail.set(stub);
        head = stub;
    }
}
