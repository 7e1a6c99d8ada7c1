package io.jasyncio;

/**
 * A {@link Future} was asked for something its state does not allow: the result of a pending
 * future, or a second {@code setResult}/{@code setException}.
 */
public class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InvalidStateError(String message) {
        super(message);
    }
}
