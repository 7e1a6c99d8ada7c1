/**
 * What code rewritten by the jasyncio bytecode pass calls, and what the runtime's packages share
 * among themselves. <strong>Not for users:</strong>
 * everything here may change in any release without notice.
 *
 * <p>The one contract that matters is {@link io.jasyncio.internal.CoroutineFrame}: each call of
 * an {@code @Async} method returns one frame object, and a {@link io.jasyncio.Task} drives a
 * stack of frames through {@link io.jasyncio.internal.CoroutineFrame#run}.
 */
package io.jasyncio.internal;
