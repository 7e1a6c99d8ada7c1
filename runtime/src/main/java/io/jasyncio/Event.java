package io.jasyncio;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;


/**
 * A flag tasks can wait for: asyncio's {@code Event}. {@link #set()} raises it and wakes every
 * task waiting in {@link #waitSet()}; {@link #clear()} lowers it again.
 *
 * <pre>{@code
 * Event ready = new Event();
 *
 * @Async
 * Coroutine<Void> consumer() {
 *     await(ready.waitSet());      // suspends until some task or callback calls ready.set()
 *     // ...
 *     return result();
 * }
 * }</pre>
 *
 * <p>Waiters are woken in the order they started waiting. {@code set(); clear();} still
 * releases every task that was waiting when {@code set()} was called. Waiting on an event that
 * is set returns at once, without suspending.
 *
 * <p>Not thread-safe: use it from the tasks and callbacks of one loop (to set it from another
 * thread, {@code loop.callSoonThreadsafe(event::set)}). It binds to the running loop the first
 * time a task waits on it; waiting on it from another loop then throws
 * {@link IllegalStateException} ("... is bound to a different event loop").
 *
 * <p>Implementation note: CPython 3.11's {@code Event}: {@code waitSet()} is an {@code @Async}
 * method that appends a waiter future to a {@link WaiterQueue}, awaits it and removes it in all
 * cases; {@code set()} completes every waiter future that is not done yet.
 */
public final class Event {
    private final WaiterQueue waiters = new WaiterQueue(this);
    private boolean value;

    /** A new event, not set. */
    public Event() {}

    /** True if the event is set. */
    public boolean isSet() {
        return value;
    }

    /** Sets the event and wakes every task waiting for it (oldest first); no-op if set. */
    public void set() {
        if (!value) {
            value = true;
            waiters.wake(Integer.MAX_VALUE, Boolean.TRUE);
        }
    }

    /** Clears the event: later {@link #waitSet()} calls wait until it is set again. */
    public void clear() {
        value = false;
    }

    /**
     * A coroutine that returns (true) once the event is set: at once if it is set now, otherwise
     * after the next {@link #set()}. asyncio's {@code Event.wait()}, renamed because
     * {@code Object.wait()} owns the name.
     *
     * @throws IllegalStateException (from the await) if the event is bound to another loop
     */
    public Awaitable<Boolean> waitSet() {
        return waitUntilSet();
    }

    @Override
    public String toString() {
        return "<Event [" + (value ? "set" : "unset") + waiters.describe() + "]>";
    }

    /** asyncio's {@code Event.wait()}: true at once if set, else once {@link #set()} is called. */
    @Async
    private Coroutine<Boolean> waitUntilSet() {
        if (!value) {
            Future<Boolean> waiter = waiters.add();
            try {
                await(waiter);
            } finally {
                waiters.remove(waiter);
            }
        }
        return result(Boolean.TRUE);
    }
}
