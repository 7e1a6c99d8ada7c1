package io.jasyncio.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Runs every example in turn, each under a header; the README's run command runs this. */
public final class RunAll {
    private RunAll() {}

    public static void main(String[] args) {
        Map<String, Consumer<String[]>> examples = new LinkedHashMap<>();
        examples.put("The README's example: two concurrent tasks of @Async coroutines", Greeter::main);
        examples.put("Hello World with callSoon()", HelloWorldCallSoon::main);
        examples.put("Display the current date with callLater()", DisplayDateCallLater::main);
        examples.put("Display the current date with callAt()", DisplayDateCallAt::main);
        examples.forEach((title, example) -> {
            System.out.println("== " + title);
            example.accept(args);
            System.out.println();
        });
    }
}
