/**
 * asyncio for Java: an event loop, futures and tasks, {@code @Async} methods that
 * {@code await}, and asyncio's helpers, synchronizers and queues.
 *
 * <h2>The families</h2>
 * <dl>
 *   <dt>The loop</dt>
 *   <dd>{@link io.jasyncio.EventLoop} runs callbacks ({@link io.jasyncio.Handle}), timers
 *       ({@link io.jasyncio.TimerHandle}) and tasks on one thread; {@link io.jasyncio.Asyncio#run}
 *       creates one, runs a coroutine on it and closes it. Errors that escape a callback go to
 *       its {@link io.jasyncio.ExceptionHandler} with an {@link io.jasyncio.ExceptionContext};
 *       {@link io.jasyncio.EventLoopMXBean} shows it to JMX clients.</dd>
 *   <dt>Coroutines, futures and tasks</dt>
 *   <dd>An {@link io.jasyncio.Async @Async} method returns a {@link io.jasyncio.Coroutine}, and
 *       {@link io.jasyncio.Asyncio#await} waits for any {@link io.jasyncio.Awaitable}: a
 *       coroutine, a {@link io.jasyncio.Future} or a {@code CompletionStage}. A
 *       {@link io.jasyncio.Task} runs a coroutine on the loop; a {@link io.jasyncio.TaskGroup}
 *       owns tasks that end together; {@link io.jasyncio.CallGraph} shows who waits for whom.</dd>
 *   <dt>Helpers</dt>
 *   <dd>{@link io.jasyncio.Asyncio}'s static methods, asyncio's module functions:
 *       {@code sleep}, {@code gather}, {@code wait} (with {@link io.jasyncio.ReturnWhen} and
 *       {@link io.jasyncio.Done}), {@code waitFor}, {@code timeout} ({@link io.jasyncio.Timeout}),
 *       {@code shield}, {@code asCompleted}, {@code toThread}.</dd>
 *   <dt>Synchronizers</dt>
 *   <dd>{@link io.jasyncio.Lock}, {@link io.jasyncio.Event}, {@link io.jasyncio.Condition},
 *       {@link io.jasyncio.Semaphore}, {@link io.jasyncio.BoundedSemaphore},
 *       {@link io.jasyncio.Barrier}: for tasks of one loop, never for threads.</dd>
 *   <dt>Queues</dt>
 *   <dd>{@link io.jasyncio.Queue}, {@link io.jasyncio.PriorityQueue},
 *       {@link io.jasyncio.LifoQueue}, with {@link io.jasyncio.QueueEmpty},
 *       {@link io.jasyncio.QueueFull} and {@link io.jasyncio.QueueShutDown}.</dd>
 *   <dt>Iteration and functions</dt>
 *   <dd>{@link io.jasyncio.AsyncIterator}, what {@code async for} walks (a stream's lines, a
 *       queue's items, a {@code Flow.Publisher} and back); {@link io.jasyncio.AsyncSupplier}
 *       and {@link io.jasyncio.AsyncFunction}, the functional interfaces of coroutines.</dd>
 *   <dt>Errors</dt>
 *   <dd>asyncio's exceptions under Java's: {@link io.jasyncio.CancelledError} (and its
 *       {@link io.jasyncio.TimeoutError}), {@link io.jasyncio.InvalidStateError},
 *       {@link io.jasyncio.BrokenBarrierError}, {@link io.jasyncio.ExceptionGroup}.</dd>
 * </dl>
 * Networking (transports, protocols, streams, servers, subprocesses) is in
 * {@link io.jasyncio.net}.
 *
 * <h2>Threads</h2>
 * Everything here belongs to one loop and is used on that loop's thread, while it runs:
 * creating futures and tasks, awaiting, the synchronizers and queues. A call from another
 * thread is an {@link java.lang.IllegalStateException}, never a silent race. The exceptions:
 * {@link io.jasyncio.EventLoop#callSoonThreadsafe}, {@link io.jasyncio.EventLoop#stop},
 * {@link io.jasyncio.EventLoop#allTasks}, the getters, and what says it may be called from any
 * thread.
 *
 * <h2>Where the engine starts</h2>
 * The loop's iteration is {@code EventLoop.runOnce}. A task's step ({@code TaskStep}) runs
 * {@code Task.step}, which drives the task's stack of coroutine frames through
 * {@link io.jasyncio.internal.CoroutineFrame#run}; an await of a pending future suspends the
 * frames and leaves the step as the future's done callback. The frames are what the bytecode
 * pass writes for each {@code @Async} method (see {@code docs/ARCHITECTURE.md}).
 * {@code EventLoop.java} holds the loop itself (scheduling, running, the iteration); the rest
 * of its public API sits in package-private layers it extends, one family each:
 * {@code EventLoopNetworking} (channels, sockets, connections, servers), {@code EventLoopTasks}
 * (futures, tasks, the current task) and {@code EventLoopSettings} (signals, executors, the
 * exception handler, debug mode). The selector lives in {@code SelectorIo}.
 */
package io.jasyncio;
