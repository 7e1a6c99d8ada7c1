package io.jasyncio.benchmarks.net;

import io.jasyncio.benchmarks.Median;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The echo-server benchmark: the same {@link EchoClient} load (100 connections x 1,000 round
 * trips of 64 B, repeated) against each echo server, each server in a process of its own:
 * jasyncio's streams and Protocol servers, Netty's NIO server and a raw NIO loop
 * ({@link EchoServers}), and Python asyncio's streams and Protocol servers
 * ({@code benchmarks/python/echo_server.py}).
 *
 * <p>On loopback the kernel's work per round trip hides the servers' differences in wall time,
 * so besides round trips per second it reports the server process's own user CPU time per
 * round trip, read from {@code /proc/PID/stat} (utime, in clock ticks) before and after each
 * run. A run repeats the load enough times for the tick to be a small fraction of the total.
 * Each server gets two unmeasured warm-up loads first (the JIT's); medians of the runs are
 * printed, as JSON.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.jasyncio.benchmarks.net.NetHarness
 * [runs [repeats [server...]]]}, from the repository's root (for the Python script's path).
 */
public final class NetHarness {
    private static final int CONNECTIONS = 100;
    private static final int ROUND_TRIPS = 1_000;
    private static final int MESSAGE_SIZE = 64;
    private static final List<String> SERVERS = List.of(
            "jasyncio-streams", "jasyncio-protocol", "netty", "raw-nio", "asyncio-streams", "asyncio-protocol");
    /** Linux's USER_HZ: /proc reports CPU time in hundredths of a second. */
    private static final double TICKS_PER_SECOND = 100;

    private NetHarness() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> servers = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : SERVERS;
        EchoClient client = new EchoClient(CONNECTIONS, ROUND_TRIPS, MESSAGE_SIZE);
        List<String> results = new ArrayList<>();
        for (String server : servers) {
            results.add(measure(server, client, runs, repeats));
        }
        System.out.println("{\n  \"workload\": \"" + CONNECTIONS + " connections x " + ROUND_TRIPS
                + " round trips of " + MESSAGE_SIZE + " B, x" + repeats + " per run\",\n  \"runs\": " + runs
                + ",\n  \"java\": \"" + System.getProperty("java.version") + "\",\n  \"results\": {\n"
                + String.join(",\n", results) + "\n  }\n}");
    }

    private static String measure(String server, EchoClient client, int runs, int repeats) throws Exception {
        Process process = start(server);
        try {
            int port = readPort(process);
            long pid = process.pid();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            client.run(port, deadline);
            client.run(port, deadline);
            double[] rates = new double[runs];
            double[] cpuMicros = new double[runs];
            for (int run = 0; run < runs; run++) {
                long ticksBefore = userTicks(pid);
                long start = System.nanoTime();
                long roundTrips = 0;
                for (int i = 0; i < repeats; i++) {
                    roundTrips += client.run(port, deadline);
                }
                double seconds = (System.nanoTime() - start) * 1e-9;
                long ticks = userTicks(pid) - ticksBefore;
                rates[run] = roundTrips / seconds;
                cpuMicros[run] = ticks / TICKS_PER_SECOND * 1e6 / roundTrips;
            }
            System.err.printf(Locale.ROOT, "%-18s %10.0f round trips/s  %5.2f us user CPU per round trip%n",
                    server, Median.of(rates), Median.of(cpuMicros));
            return String.format(Locale.ROOT,
                    "    \"%s\": {\"median_round_trips_per_s\": %.0f, \"median_server_user_cpu_us_per_round_trip\": %.3f,"
                            + " \"round_trips_per_s\": %s, \"server_user_cpu_us_per_round_trip\": %s}",
                    server, Median.of(rates), Median.of(cpuMicros), Arrays.toString(rates), Arrays.toString(cpuMicros));
        } finally {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static Process start(String server) throws IOException {
        List<String> command = new ArrayList<>();
        if (server.startsWith("asyncio-")) {
            command.addAll(List.of("python3", "benchmarks/python/echo_server.py", server.substring("asyncio-".length())));
        } else {
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    EchoServers.class.getName(), server));
        }
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int readPort(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            throw new IOException("the server did not announce its port: " + line);
        }
        return Integer.parseInt(line.substring("PORT ".length()).trim());
    }

    /** Field 14 of /proc/PID/stat: user time in clock ticks, all the process's threads. */
    private static long userTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]);
    }
}
