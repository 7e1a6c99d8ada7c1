package io.jasyncio;

/** The checks every delay, deadline and timeout in seconds goes through, and its conversion from a Duration. */
final class Seconds {
    private Seconds() {}

    /**
     * {@code value}, if it is a number: infinities are fine (never, or at once), NaN is not.
     *
     * @throws IllegalArgumentException naming {@code what} if {@code value} is NaN
     */
    static double requireNumber(double value, String what) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(what + " must be a number, got NaN");
        }
        return value;
    }

    /** {@code duration} in seconds. */
    static double of(java.time.Duration duration) {
        return duration.getSeconds() + duration.getNano() * 1e-9;
    }
}
