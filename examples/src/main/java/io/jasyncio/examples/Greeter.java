package io.jasyncio.examples;

import io.jasyncio.*;
import static io.jasyncio.Asyncio.*;

public class Greeter {
    @Async
    Coroutine<String> greet(String name) {
        await(sleep(0.1));                     // suspends the task, never the thread
        String loud = await(shout(name));      // another coroutine, run inline in this task
        return result("hello " + loud);        // the coroutine's value
    }

    @Async
    Coroutine<String> shout(String word) {
        await(sleep(0.05));
        return result(word.toUpperCase());
    }

    @Async
    Coroutine<String> both() {
        Task<String> a = createTask(greet("world"));   // both tasks run concurrently:
        Task<String> b = createTask(greet("java"));    // this takes 0.15 s, not 0.3 s
        return result(await(a) + ", " + await(b));
    }

    public static void main(String[] args) {
        System.out.println(Asyncio.run(new Greeter().both()));  // hello WORLD, hello JAVA
    }
}
