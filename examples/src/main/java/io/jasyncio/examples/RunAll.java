package io.jasyncio.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs every example in turn, each under a header; the README's run command runs this. */
public final class RunAll {
    private RunAll() {}

    /** An example's main method. */
    @FunctionalInterface
    private interface Example {
        void run(String[] args) throws IOException;
    }

    public static void main(String[] args) {
        Map<String, Example> examples = new LinkedHashMap<>();
        examples.put("The README's example: two concurrent tasks of @Async coroutines", Greeter::main);
        examples.put("Hello World with callSoon()", HelloWorldCallSoon::main);
        examples.put("Display the current date with callLater()", DisplayDateCallLater::main);
        examples.put("Display the current date with callAt()", DisplayDateCallAt::main);
        examples.put("A task returning a value", TaskReturningValue::main);
        examples.put("A cancelled task catching CancelledError", CancelledTask::main);
        examples.put("Five files downloaded concurrently with Asyncio.wait", DownloadFiles::main);
        examples.put("Request ids carried through awaits into log lines with a ContextVar", RequestIds::main);
        examples.put("Structured concurrency: a TaskGroup in try-with-resources", StructuredTasks::main);
        examples.put("A paginated API read as one stream, with an async generator", PaginatedProducer::main);
        examples.put("An echo server and client on streams", EchoServerAndClient::main);
        examples.put("A small HTTP/1.1 server and client on streams", HttpServerAndClient::main);
        examples.put("A chat server with per-connection ids, shut down gracefully by Ctrl-C", ChatServer::main);
        examples.put("A STARTTLS exchange: a plain connection upgraded to TLS", StartTlsExchange::main);
        examples.forEach((title, example) -> {
            System.out.println("== " + title);
            try {
                example.run(args);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println();
        });
    }
}
