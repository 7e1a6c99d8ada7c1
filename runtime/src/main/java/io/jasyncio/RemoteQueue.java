package io.jasyncio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Callbacks submitted by other threads ({@link EventLoop#callSoonThreadsafe}), handed to the
 * loop thread without locks, and whether the loop thread sleeps waiting for them.
 *
 * <p>Usage: other threads {@link #push} and wake the loop's selector if {@link #mustWake} says
 * so of what it returned. The
 * loop thread {@link #drainTo drains} it once per iteration, and before it blocks calls
 * {@link #markAsleep()}, blocking only if that returned true, and {@link #markAwake()} when it
 * is back. {@link #takeAsleepMark()} is for waking the loop with nothing pushed.
 *
 * <p>Callbacks from any one thread come out in the order that thread pushed them, each
 * exactly once. At close, {@link #drainClaimedTo} takes every push claimed before it began, and
 * {@link #claimedBeforeClose} tells a producer that met the closed loop which side it was on.
 */
final class RemoteQueue {
    /*
     * Implementation: an unbounded queue of array chunks, as Netty's JCTools queue is. A
     * producer claims a slot of the newest chunk with one getAndAdd on the chunk's counter and
     * stores the handle into it; the producer that claims the first slot past the end links
     * the next chunk. The loop thread reads the slots in order, nulls each, and stops at the
     * first one not yet stored (its producer is between the claim and the store; the next
     * iteration takes it). So the loop reads an array front to back, which the CPU prefetches,
     * where the lock-free stack of handles used before was one dependent cache miss per
     * handle: walking it was three quarters of the loop's time when another thread submitted
     * at full speed. A chunk costs 4 bytes per push and is garbage once read.
     *
     * Measured slower here, and left: running the handles straight from the slots (both
     * threads then stall on the cache lines they share, since the loop keeps pace with the
     * producer); copying each drain into a fresh array instead of the ready queue (twice the
     * GC work); padding the producers' chunk field.
     *
     * Lingering: a loop that keeps pace with a producer drains a few handles, runs them, finds
     * the queue empty and sleeps, and the producer pays a selector wake-up for nearly every
     * handle while the two threads pass the same cache lines back and forth (at less than half
     * the rate of Netty's loop). So after a drain that took something the loop spins, looking at
     * the claim counter once a microsecond, until the producer crosses into a new chunk (the
     * next drain takes a thousand handles at once), stops for a whole gap with a handle
     * pending (a request-reply partner: its reply is taken within two gaps), claims nothing
     * for a while, or 40 microseconds pass, a selector wake-up's latency. That while is at
     * most eight gaps, about what a wake-up costs the loop in CPU (spinning as long as
     * blocking would cost is never worse than twice the better choice), and adapts as
     * HotSpot's spinning on monitors does: a gap shorter each time no claim came, eight again
     * when one did, eight anyway every eighth time. A trickle of handles then costs the loop
     * about a gap of spinning each, while a partner that replies within eight gaps keeps
     * being served without a wake-up (the figures, before and after, are in
     * docs/PERFORMANCE.md). Rejected: a fixed eight-gap wait, which doubled the CPU a trickle
     * of one handle per 100 microseconds cost; lingering without looking at the counter, which
     * made every ping-pong round trip the whole linger; leaving at the first pending handle,
     * which kept the small drains and gained nothing.
     *
     * Sleeping is Dekker's protocol on two words: the producer's claim, then its read of the
     * asleep flag; the loop's write of the flag, then its read of the claim counter. One of the
     * two sees the other, so no push is left behind a sleeping loop. The flag sits alone in a
     * cache line because producers read it on every push and the loop writes its own fields on
     * every iteration.
     *
     * Closing is the same protocol on the loop's closed mark: the closer writes the mark, then
     * reads the claims, and publishes where they ended; a producer claims, then reads the
     * mark. A producer that finds the loop closed compares its claim's position with the end
     * the closer published: before it, the closer took the handle (it ran earlier or is
     * cancelled now); at or past it, nobody will, and the call is refused. So a call racing
     * close is either accepted and accounted for, or refused, never accepted and lost.
     */
    private static final int CHUNK_SIZE = 1024;
    private static final VarHandle CLAIMED;
    private static final VarHandle NEXT;
    private static final VarHandle PRODUCER_CHUNK;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Handle[].class);
    /** The longest the loop lingers for a streaming producer before it sleeps. */
    private static final long LINGER_NANOS = 40_000;
    /**
     * Spin-wait hints between two looks at the claim counter (about a microsecond): each look
     * takes the producers' cache line away from them, and a gap this long with no claim means
     * the producer has stopped.
     */
    private static final int GAP_SPINS = 64;
    /**
     * The most gaps the loop waits for a first claim after its drain before it sleeps: a
     * partner that replies within them is served without a wake-up, and a callback that
     * comes alone costs the loop at most about what a wake-up would (some ten microseconds).
     */
    private static final int MAX_IDLE_GAPS = 8;
    /** A power of two: how often a linger waits the full {@link #MAX_IDLE_GAPS} for a claim. */
    private static final int PROBE_EVERY = 8;
    /** Ints on each side of the asleep flag: a cache line's worth. */
    private static final int PADDING = 16;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLAIMED = lookup.findVarHandle(Chunk.class, "claimed", int.class);
            NEXT = lookup.findVarHandle(Chunk.class, "next", Chunk.class);
            PRODUCER_CHUNK = lookup.findVarHandle(RemoteQueue.class, "producerChunk", Chunk.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A run of slots, filled in claim order and linked to the next run once full. */
    private static final class Chunk {
        /** The position of slot 0 among all the pushes this queue has had. */
        final long firstPosition;
        /** Slots claimed so far, counting the failed claims past the end. */
        @SuppressWarnings("unused") // through CLAIMED
        private volatile int claimed;
        final Handle[] slots = new Handle[CHUNK_SIZE];
        volatile Chunk next;

        Chunk(long firstPosition) {
            this.firstPosition = firstPosition;
        }
    }

    /** The chunk producers claim from; it only moves forward. */
    private volatile Chunk producerChunk;
    /** Loop thread: the chunk and slot it reads next. */
    private Chunk consumerChunk;
    private int consumerSlot;
    /** Loop thread: whether the last drain took anything, so a producer may still be at work. */
    private boolean tookSome;
    /**
     * Loop thread: the gaps a linger waits for a first claim: one fewer each time none came,
     * back to {@link #MAX_IDLE_GAPS} each time one did, and every {@link #PROBE_EVERY}th
     * linger waits that many anyway, so that a partner slower than the shrunken wait is found
     * again.
     */
    private int idleGaps = MAX_IDLE_GAPS;
    /**
     * The position of the first push the closing drain did not take, published by
     * {@link #drainClaimedTo}; -1 until then.
     */
    private volatile long closedAt = -1;
    /** Loop thread: lingers so far, for the probes. */
    private int lingers;
    /** 1 in the middle cell while the loop sleeps or is about to. */
    private final AtomicIntegerArray asleep = new AtomicIntegerArray(2 * PADDING + 1);

    RemoteQueue() {
        clear();
    }

    /**
     * Any thread. Returns the push's claim: its position among all pushes, and whether the loop
     * sleeps and the caller must wake it (ask {@link #mustWake}).
     */
    long push(Handle handle) {
        Chunk chunk = producerChunk;
        int slot;
        while ((slot = (int) CLAIMED.getAndAdd(chunk, 1)) >= CHUNK_SIZE) {
            chunk = nextChunk(chunk);
        }
        SLOT.setRelease(chunk.slots, slot, handle);
        return (chunk.firstPosition + slot) << 1 | (takeAsleepMark() ? 1 : 0);
    }

    /** Whether the {@link #push} that returned {@code claim} must wake the loop. */
    static boolean mustWake(long claim) {
        return (claim & 1) != 0;
    }

    /**
     * Any thread, once the loop's closed mark is seen after the {@link #push} that returned
     * {@code claim}: true if the closing drain took that push (so it ran before, or is
     * cancelled), false if it came too late and will never be taken. Waits, briefly, for the
     * closer to publish where its drain ends.
     */
    boolean claimedBeforeClose(long claim) {
        long end;
        for (int spins = 0; (end = closedAt) < 0; spins++) {
            if (spins < GAP_SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return claim >>> 1 < end;
    }

    /**
     * The chunk after the full {@code chunk}: the producers that claimed past its end race to
     * link one, and every one of them moves on to the winner's.
     */
    private Chunk nextChunk(Chunk chunk) {
        Chunk next = chunk.next;
        if (next == null) {
            Chunk created = new Chunk(chunk.firstPosition + CHUNK_SIZE);
            next = NEXT.compareAndSet(chunk, null, created) ? created : chunk.next;
        }
        PRODUCER_CHUNK.compareAndSet(this, chunk, next);
        return next;
    }

    /**
     * Loop thread, before blocking: marks the loop asleep and returns true if nothing is
     * queued; if something is, returns false, and the loop must not block.
     */
    boolean markAsleep() {
        if (tookSome) {
            lingerWhileProducing();
        }
        if (!isEmpty()) {
            return false; // a busy loop leaves the flag's cache line alone: producers read it
        }
        asleep.set(PADDING, 1);
        if (!isEmpty()) {
            asleep.set(PADDING, 0);
            return false;
        }
        return true;
    }

    /**
     * Loop thread: spins while a producer seems to be streaming, so that it gets a chunk ahead
     * and the next drain takes a long run. Returns when a push has crossed into the next
     * chunk, when the pushes stopped for one gap with a handle pending, when nothing was
     * pushed for {@link #idleGaps} gaps, or after {@link #LINGER_NANOS}.
     */
    private void lingerWhileProducing() {
        long deadline = System.nanoTime() + LINGER_NANOS;
        int window = (++lingers & (PROBE_EVERY - 1)) == 0 ? MAX_IDLE_GAPS : idleGaps;
        int claimedBefore = consumerSlot;
        for (int gaps = 1; ; gaps++) {
            for (int i = 0; i < GAP_SPINS; i++) {
                Thread.onSpinWait();
            }
            int claimed = (int) CLAIMED.getVolatile(consumerChunk);
            if (claimed == consumerSlot) {
                if (gaps >= window) {
                    idleGaps = Math.max(1, idleGaps - 1); // lingering did not pay
                    return;
                }
            } else if (claimedBefore == consumerSlot) {
                idleGaps = MAX_IDLE_GAPS; // a first claim came: lingering paid
            } else if (claimed == claimedBefore) {
                return; // quiet for a gap with a handle pending
            }
            if (claimed >= CHUNK_SIZE || System.nanoTime() - deadline >= 0) {
                return;
            }
            claimedBefore = claimed;
        }
    }

    /** Loop thread, once awake again. */
    void markAwake() {
        asleep.lazySet(PADDING, 0);
    }

    /**
     * Any thread: takes the asleep mark if the loop has it. Returns true if it did, and then the
     * caller must wake the loop; false if the loop is awake or another thread wakes it.
     */
    boolean takeAsleepMark() {
        return asleep.get(PADDING) != 0 && asleep.getAndSet(PADDING, 0) != 0;
    }

    /**
     * Loop thread: appends to {@code ready}, oldest first, the handles pushed before this call.
     * Those claimed later, or claimed and not yet stored, wait for the next call.
     */
    void drainTo(ReadyQueue ready) {
        if (isEmpty()) {
            tookSome = false;
            return; // the common case: one read of a counter no producer is writing
        }
        Chunk chunk = consumerChunk;
        int slot = consumerSlot;
        // Stop at what was claimed when the drain began: a loop chasing a producer that pushes
        // as fast as it drains would never get to run what it took.
        Chunk lastChunk = producerChunk;
        int end = Math.min((int) CLAIMED.getVolatile(lastChunk), CHUNK_SIZE);
        while (chunk != lastChunk || slot < end) {
            if (slot == CHUNK_SIZE) {
                Chunk next = chunk.next;
                if (next == null) {
                    break; // its producer claimed a slot past the end and is linking the next chunk
                }
                chunk = next;
                slot = 0;
            }
            Handle handle = (Handle) SLOT.getAcquire(chunk.slots, slot);
            if (handle == null) {
                break; // claimed, not stored yet
            }
            chunk.slots[slot++] = null;
            ready.addLast(handle);
        }
        tookSome = chunk != consumerChunk || slot != consumerSlot;
        consumerChunk = chunk;
        consumerSlot = slot;
    }

    /**
     * The closing thread, once the loop is marked closed, once: appends to {@code ready} every
     * handle claimed so far, waiting out the producers between their claim and their store, and
     * publishes where it ended for {@link #claimedBeforeClose}. A push that claims after this
     * began reads the closed mark afterwards, so its caller learns the loop is closed.
     */
    void drainClaimedTo(ReadyQueue ready) {
        Chunk chunk = consumerChunk;
        int slot = consumerSlot;
        Chunk lastChunk = producerChunk;
        int end = Math.min((int) CLAIMED.getVolatile(lastChunk), CHUNK_SIZE);
        closedAt = lastChunk.firstPosition + end;
        while (chunk != lastChunk || slot < end) {
            if (slot == CHUNK_SIZE) {
                Chunk next;
                while ((next = chunk.next) == null) {
                    Thread.onSpinWait(); // a later chunk is in use, so its linking producer is near done
                }
                chunk = next;
                slot = 0;
                continue;
            }
            Handle handle;
            for (int spins = 0; (handle = (Handle) SLOT.getAcquire(chunk.slots, slot)) == null; spins++) {
                if (spins < GAP_SPINS) {
                    Thread.onSpinWait(); // its producer is a few instructions from the store
                } else {
                    Thread.yield(); // or was descheduled between the two
                }
            }
            chunk.slots[slot++] = null;
            ready.addLast(handle);
        }
        consumerChunk = chunk;
        consumerSlot = slot;
    }

    /** Loop thread: true if no push has claimed a slot that {@link #drainTo} has not taken. */
    boolean isEmpty() {
        return (int) CLAIMED.getVolatile(consumerChunk) <= consumerSlot;
    }

    private void clear() {
        Chunk empty = new Chunk(0);
        consumerChunk = empty;
        consumerSlot = 0;
        producerChunk = empty;
    }
}
