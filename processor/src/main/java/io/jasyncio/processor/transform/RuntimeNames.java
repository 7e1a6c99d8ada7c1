package io.jasyncio.processor.transform;

/** The runtime's classes and methods that the pass recognises or calls, in bytecode spelling. */
final class RuntimeNames {
    private RuntimeNames() {}

    static final String ASYNC_DESCRIPTOR = "Lio/jasyncio/Async;";
    static final String ASYNCIO = "io/jasyncio/Asyncio";
    static final String AWAIT = "await";
    static final String AWAIT_AWAITABLE = "(Lio/jasyncio/Awaitable;)Ljava/lang/Object;";
    static final String AWAIT_STAGE = "(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;";
    static final String RESULT = "result";
    static final String RESULT_VALUE = "(Ljava/lang/Object;)Lio/jasyncio/Coroutine;";
    static final String RESULT_VOID = "()Lio/jasyncio/Coroutine;";
    static final String WRAP_FUTURE = "wrapFuture";
    static final String WRAP_FUTURE_DESCRIPTOR = "(Ljava/util/concurrent/CompletionStage;)Lio/jasyncio/Future;";
    static final String COROUTINE_RETURN = ")Lio/jasyncio/Coroutine;";
    /** How an async generator's descriptor ends. */
    static final String GENERATOR_RETURN = ")Lio/jasyncio/AsyncGenerator;";
    /** {@code Asyncio.end()}: an async generator's {@code return end();}. */
    static final String END = "end";
    static final String END_DESCRIPTOR = "()Lio/jasyncio/AsyncGenerator;";
    /** {@code Asyncio.emit(v)}, which an async generator's body calls on its own frame instead. */
    static final String EMIT = "emit";
    static final String EMIT_DESCRIPTOR = "(Ljava/lang/Object;)Lio/jasyncio/Awaitable;";
    static final String EMIT_VALUE = "emitValue";
    /** The superclass of an async generator's frame. */
    static final String GENERATOR_FRAME = "io/jasyncio/internal/GeneratorFrame";
    /** {@code GeneratorFrame.runsCodeOnClose()}: a generator frame of a body without handlers overrides it with false. */
    static final String RUNS_CODE_ON_CLOSE = "runsCodeOnClose";

    /** {@code hasNext()} of the async iterator interfaces, whose await the pass may skip. */
    static final String ASYNC_ITERATOR = "io/jasyncio/AsyncIterator";
    static final String ASYNC_GENERATOR = "io/jasyncio/AsyncGenerator";
    static final String HAS_NEXT = "hasNext";
    static final String HAS_NEXT_DESCRIPTOR = "()Lio/jasyncio/Awaitable;";
    static final String EAGER_ITERATOR = "io/jasyncio/internal/EagerIterator";
    static final String HAS_NEXT_NOW = "hasNextNow";

    static final String FUTURE = "io/jasyncio/Future";
    static final String FRAME = "io/jasyncio/internal/CoroutineFrame";
    static final String COMPLETE_DESCRIPTOR = "(Ljava/lang/Object;)Ljava/lang/Object;";
    static final String DONE_RESULT = "doneResult";
    static final String DONE_RESULT_DESCRIPTOR = "(Lio/jasyncio/Future;)Ljava/lang/Object;";
    static final String AWAIT_FROM = "awaitFrom";
    static final String START_INLINE = "startInline";
    static final String INLINE_RETURNED = "inlineReturned";
    static final String INLINE_FAILED = "inlineFailed";
    static final String CAN_AWAIT_INLINE = "canAwaitInline";
    static final String AWAIT_FROM_DESCRIPTOR = "(Lio/jasyncio/internal/CoroutineFrame;)Ljava/lang/Object;";
    static final String START_INLINE_DESCRIPTOR = "(Lio/jasyncio/internal/CoroutineFrame;)V";
    static final String INLINE_RETURNED_DESCRIPTOR =
            "(Lio/jasyncio/internal/CoroutineFrame;Ljava/lang/Object;)Ljava/lang/Object;";
    static final String INLINE_FAILED_DESCRIPTOR =
            "(Lio/jasyncio/internal/CoroutineFrame;Ljava/lang/Throwable;)Ljava/lang/RuntimeException;";
    static final String SUSPENDED = "SUSPENDED";
    static final String RESUME = "resume";
    static final String RESUME_DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/Throwable;)Ljava/lang/Object;";
    /** Called by the constructor of a frame whose method has a loop. */
    static final String MARK_LOOP = "markLoop";

    static final String OBJECT = "java/lang/Object";
    static final String THROWABLE = "java/lang/Throwable";

    static boolean isAwait(String owner, String name, String descriptor) {
        return owner.equals(ASYNCIO) && name.equals(AWAIT)
                && (descriptor.equals(AWAIT_AWAITABLE) || descriptor.equals(AWAIT_STAGE));
    }

    /** {@code result(v)}, {@code result()}, or an async generator's {@code end()}: what a return ends the method with. */
    static boolean isResult(String owner, String name, String descriptor) {
        return owner.equals(ASYNCIO)
                && (name.equals(RESULT) && (descriptor.equals(RESULT_VALUE) || descriptor.equals(RESULT_VOID))
                        || name.equals(END) && descriptor.equals(END_DESCRIPTOR));
    }
}
