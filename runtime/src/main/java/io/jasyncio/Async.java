package io.jasyncio;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body may {@link Asyncio#await(Awaitable) await}. Its declared return
 * type is {@link Coroutine Coroutine&lt;T&gt;}, and it returns its value with
 * {@link Asyncio#result(Object) result(value)}.
 *
 * <p>The jasyncio annotation processor checks every {@code @Async} method and rewrites it into
 * a resumable state machine when its class is compiled; a method compiled without the
 * processor fails with an {@link IllegalStateException} at its first {@code await}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {}
