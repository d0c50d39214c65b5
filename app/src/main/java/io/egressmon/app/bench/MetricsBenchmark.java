package io.egressmon.app.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long a Prometheus scrape of a busy pipeline takes: README's {@code egressmon run} in a child JVM
 * of this jar (embedded broker, registry, simulator with its flow export, ingest, collector, streams
 * app) on a fresh data directory, so it is backfilling 30 days while it is scraped; then {@code
 * --scrapes} GETs of {@code /metrics} on the streams port and the ingest port in turn, each timed from
 * the request to the last byte of the answer, over one kept-alive connection per port with the
 * headers Prometheus sends ({@link ScrapeClient}: gzip accepted).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Milliseconds per /metrics scrape of both ports of a backfilling `egressmon run`.")
final class MetricsBenchmark implements Callable<Integer> {
    @Option(names = "--scrapes", defaultValue = "200", description = "Scrapes of each port (default ${DEFAULT-VALUE}).")
    int scrapes;

    @Option(names = "--warm-up", defaultValue = "PT5S",
            description = "How long the pipeline runs (backfilling) before the timed scrapes (default ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--pause", defaultValue = "PT0.05S", description = "Pause between two scrapes (default ${DEFAULT-VALUE}).")
    Duration pause;

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("egressmon-bench-metrics");
        int[] ports = freePorts(3);
        int port = ports[0];
        int ingestPort = ports[1];
        int netflowPort = ports[2];
        Path log = data.resolve("run.log");
        System.out.printf("egressmon run in %s (log %s), REST on port %d, ingest on %d%n", data, log, port, ingestPort);
        Process run = start(data, port, ingestPort, netflowPort, log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI streams = URI.create("http://127.0.0.1:" + port + "/metrics");
        URI ingest = URI.create("http://127.0.0.1:" + ingestPort + "/metrics");
        try {
            awaitServing(http, List.of(streams, ingest), run, Duration.ofMinutes(3));
            Thread.sleep(warmUp.toMillis());
            Latencies streamsTimes = new Latencies(scrapes);
            Latencies ingestTimes = new Latencies(scrapes);
            Latencies healthTimes = new Latencies(scrapes);
            ScrapeClient.Answer streamsAnswer = null;
            ScrapeClient.Answer ingestAnswer = null;
            try (ScrapeClient streamsClient = new ScrapeClient("127.0.0.1", port);
                    ScrapeClient ingestClient = new ScrapeClient("127.0.0.1", ingestPort)) {
                for (int i = 0; i < scrapes; i++) {
                    streamsAnswer = timed(streamsClient, "/metrics", streamsTimes);
                    ingestAnswer = timed(ingestClient, "/metrics", ingestTimes);
                    timed(streamsClient, "/health", healthTimes);
                    Thread.sleep(pause.toMillis());
                }
            }
            String streamsText = streamsAnswer.text();
            String ingestText = ingestAnswer.text();
            System.out.printf("streams /metrics: %s, %d families, %d bytes (%d as sent%s)%n", streamsTimes.summary(),
                    families(streamsText), streamsText.length(), streamsAnswer.body().length, streamsAnswer.gzip() ? ", gzip" : "");
            System.out.printf("ingest /metrics: %s, %d families, %d bytes (%d as sent%s)%n", ingestTimes.summary(),
                    families(ingestText), ingestText.length(), ingestAnswer.body().length, ingestAnswer.gzip() ? ", gzip" : "");
            System.out.printf("streams /health at the same time (the server's latency without a scrape): %s%n",
                    healthTimes.summary());
            System.out.printf("poll progress at the end (1 - watermark age / backfill): counters %s, flowiq %s%n",
                    sample(ingestText, "egressmon_poll_backfill_progress_ratio{source=\"counters\"}"),
                    sample(ingestText, "egressmon_poll_backfill_progress_ratio{source=\"flowiq\"}"));
            Latencies all = Latencies.merge(List.of(streamsTimes, ingestTimes));
            System.out.printf("bench metrics scrape_p50_ms=%.1f scrape_p99_ms=%.1f families=%d bytes=%d%n",
                    all.percentile(50), all.percentile(99), families(streamsText) + families(ingestText),
                    streamsText.length() + ingestText.length());
        } finally {
            run.destroy(); // SIGTERM: a clean stop
            if (!run.waitFor(60, TimeUnit.SECONDS)) {
                run.destroyForcibly();
            }
        }
        return 0;
    }

    /** One GET timed from the request to the answer's last byte (decompressing comes after). */
    private static ScrapeClient.Answer timed(ScrapeClient client, String path, Latencies times) throws IOException {
        long start = System.nanoTime();
        ScrapeClient.Answer answer = client.get(path);
        times.record(System.nanoTime() - start);
        if (answer.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + answer.status() + ": " + answer.text());
        }
        return answer;
    }

    private static long families(String text) {
        return text.lines().filter(l -> l.startsWith("# TYPE ")).count();
    }

    private static String sample(String text, String series) {
        return text.lines().filter(l -> l.startsWith(series + " ")).map(l -> l.substring(series.length() + 1))
                .findFirst().orElse("absent");
    }

    private static Process start(Path data, int port, int ingestPort, int netflowPort, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = new File(MetricsBenchmark.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getPath();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar, "run", "--data-dir", data.toString(),
                "--http-port", Integer.toString(port), "--netflow-listen", "127.0.0.1:" + netflowPort, "--sflow-listen", "none");
        pb.environment().put("EGRESSMON_INGEST_HTTP_PORT", Integer.toString(ingestPort));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    private static void awaitServing(HttpClient http, List<URI> urls, Process run, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (URI url : urls) {
            while (true) {
                if (!run.isAlive()) {
                    throw new IllegalStateException("egressmon run exited with " + run.exitValue());
                }
                try {
                    if (http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(url + " not served within " + timeout);
                }
                Thread.sleep(500);
            }
        }
    }

    /** {@code n} different free ports: each socket stays open until all are picked, so none is picked twice. */
    private static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }
}
