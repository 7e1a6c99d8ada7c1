package io.jasyncio;

/**
 * A {@link Semaphore} that refuses to be released more times than it was acquired: asyncio's
 * {@code BoundedSemaphore}. A release that would take the value above the initial one is an
 * error, which catches unbalanced {@code acquire}/{@code release} pairs.
 *
 * <pre>{@code
 * BoundedSemaphore slots = new BoundedSemaphore(2);
 * await(slots.acquire());
 * try {
 *     // ...
 * } finally {
 *     slots.release();
 * }
 * slots.release();   // IllegalStateException: BoundedSemaphore released too many times
 * }</pre>
 *
 * <p>Implementation note: CPython 3.11's check, {@code value >= initial value} before the
 * release, where Python raises {@code ValueError}; Java throws {@link IllegalStateException},
 * since it is the object's state, not the argument, that is wrong.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** A bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * A bounded semaphore with {@code value} permits, which is also its upper bound.
     *
     * @throws IllegalArgumentException "Semaphore initial value must be >= 0" if value is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Gives a permit back, as {@link Semaphore#release()} does.
     *
     * @throws IllegalStateException "BoundedSemaphore released too many times" if the value is
     *     already at its initial value
     */
    @Override
    public void release() {
        if (value() >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
