package io.jasyncio.processor;

import io.jasyncio.processor.transform.TransformException;

/**
 * Every diagnostic jasyncio reports, each with a stable id that starts its message
 * ({@code [jasyncio:await-in-lambda] ...}): build logs can be searched for it, tests assert it
 * rather than the wording, and a warning's id is what {@code @SuppressWarnings("jasyncio:<id>")}
 * names. The README lists them, with the fix for each.
 */
public enum Rule {
    /** {@code await} in a method that is not {@code @Async}. */
    AWAIT_OUTSIDE_ASYNC("await-outside-async"),
    /** {@code await} in a lambda, which is a separate method the rewrite cannot suspend. */
    AWAIT_IN_LAMBDA("await-in-lambda"),
    /** {@code await} in an anonymous or local class's method. */
    AWAIT_IN_LOCAL_CLASS("await-in-local-class"),
    /** {@code await} in a constructor. */
    AWAIT_IN_CONSTRUCTOR("await-in-constructor"),
    /** {@code await} in a field initializer or an initializer block. */
    AWAIT_IN_INITIALIZER("await-in-initializer"),
    /** {@code await} inside a {@code synchronized} block. */
    AWAIT_IN_SYNCHRONIZED("await-in-synchronized"),
    /** {@code Asyncio::await} as a method reference. */
    AWAIT_REFERENCE("await-reference"),
    /**
     * Try-with-resources on an {@code AsyncCloseable} where its close cannot be awaited, or an
     * explicit {@code close()} that could be taken for the one the block makes.
     */
    ASYNC_CLOSE("async-close"),
    /** {@code return coroutine;} inside a {@code try}. */
    RETURN_IN_TRY("return-in-try"),
    /** A return of anything but {@code end()} from an async generator. */
    GENERATOR_RETURN("generator-return"),
    /** {@code return null;} from an {@code @Async} method. */
    RETURN_NULL("return-null"),
    /** An {@code @Async} method that does not return {@code Coroutine<T>}. */
    ASYNC_RETURN_TYPE("async-return-type"),
    /** An abstract or native {@code @Async} method. */
    ASYNC_WITHOUT_BODY("async-without-body"),
    /** A {@code synchronized} {@code @Async} method. */
    ASYNC_SYNCHRONIZED("async-synchronized"),
    /** A warning: a coroutine created and dropped, which never runs. */
    UNAWAITED("unawaited"),
    /** The compiler is not javac (or hides it), so nothing can be rewritten. */
    NOT_JAVAC("not-javac"),
    /** The bytecode pass cannot rewrite a method; the message says why. */
    CANNOT_REWRITE("cannot-rewrite"),
    /** A class file or a generated source could not be read or written. */
    FILE_ACCESS("file-access"),
    /** A bug of jasyncio's: please report it, with the method named. */
    INTERNAL_ERROR("internal-error");

    private final String id;

    Rule(String id) {
        this.id = id;
    }

    /** The id as it appears in messages and in {@code @SuppressWarnings}: {@code jasyncio:<id>} without the prefix. */
    public String id() {
        return id;
    }

    /** The rule a method the bytecode pass refused breaks. */
    public static Rule of(TransformException refusal) {
        return switch (refusal.kind()) {
            case NO_BODY -> ASYNC_WITHOUT_BODY;
            case SYNCHRONIZED -> ASYNC_SYNCHRONIZED;
            case NOT_COROUTINE -> ASYNC_RETURN_TYPE;
            case UNSUPPORTED -> CANNOT_REWRITE;
        };
    }

    /** {@code [jasyncio:<id>] message}. */
    public String format(String message) {
        return "[jasyncio:" + id + "] " + message;
    }
}
