package io.egressmon.app.bench;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How the REST benchmarks time a query: {@code --requests} one after another after {@code --warmup}
 * untimed ones (latency), and {@code --clients} connections for {@code --seconds} (throughput).
 */
final class QueryLoad {
    @Option(names = "--requests", defaultValue = "300", description = "Sequential requests per latency figure (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--warmup", defaultValue = "100", description = "Requests before each figure, not counted (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent connections of the throughput runs (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of each throughput run (default ${DEFAULT-VALUE}).")
    int seconds;

    /** {@code --requests} GETs of {@code url} on one connection, after {@code --warmup} not timed. */
    Latencies sequential(URI url) throws Exception {
        for (int i = 0; i < warmup; i++) {
            LoadClient.get(url);
        }
        return LoadClient.run(url, 1, Duration.ofDays(1), requests, requests).latencies();
    }

    /** {@code --clients} connections GETting {@code url} for {@code --seconds}, after a fifth of that not timed. */
    LoadClient.Result load(URI url) throws Exception {
        LoadClient.run(url, clients, Duration.ofSeconds(Math.max(1, seconds / 5)), Integer.MAX_VALUE, 1);
        return LoadClient.run(url, clients, Duration.ofSeconds(seconds), Integer.MAX_VALUE, 100_000);
    }
}
