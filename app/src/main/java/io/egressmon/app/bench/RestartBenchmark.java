package io.egressmon.app.bench;

import io.egressmon.api.ApiJson;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kill -9} of the all-in-one process and a start again: README's {@code egressmon run} in a child
 * JVM of this jar (embedded broker, registry, simulator, ingest, streams app), caught up first; then
 * the time from the restart until a closed period's bandwidth answers again, completely and with the
 * same totals as before the kill.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Seconds from kill -9 of `egressmon run` and a restart until answers are served again, and correct.")
final class RestartBenchmark implements Callable<Integer> {
    @Option(names = "--kills", defaultValue = "3", description = "Kills and restarts, each timed (default ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--settle", defaultValue = "PT20S",
            description = "How long it runs after catching up (or a restart) before the kill (default ${DEFAULT-VALUE}).")
    Duration settle;

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("egressmon-bench-restart");
        int port = freePort();
        int ingestPort = freePort();
        Path log = data.resolve("run.log");
        URI ready = URI.create("http://127.0.0.1:" + port + "/ready");
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        URI closedDay = URI.create("http://127.0.0.1:" + port + "/api/v1/bandwidth?from=" + to.minus(Duration.ofDays(1))
                + "&to=" + to);
        System.out.printf("egressmon run in %s (log %s), REST on port %d%n", data, log, port);
        Process run = start(data, port, ingestPort, log);
        try {
            long t0 = System.nanoTime();
            awaitCaughtUp(ready, run, Duration.ofMinutes(10));
            System.out.printf("first start caught up after %.1f s%n", (System.nanoTime() - t0) / 1e9);
            Thread.sleep(settle.toMillis());
            BandwidthAnswer before = ApiJson.read(LoadClient.get(closedDay), BandwidthAnswer.class);
            if (!before.covered().complete()) {
                throw new IllegalStateException("the day before the kill is not complete: " + before.covered());
            }
            List<Double> servingAgain = new ArrayList<>();
            List<Double> readyAgain = new ArrayList<>();
            for (int k = 1; k <= kills; k++) {
                run.destroyForcibly(); // SIGKILL
                run.waitFor(30, TimeUnit.SECONDS);
                long killed = System.nanoTime();
                run = start(data, port, ingestPort, log);
                double readySeconds = -1;
                double answerSeconds = -1;
                long deadline = killed + Duration.ofMinutes(5).toNanos();
                // Until both are seen: /ready may turn 200 between its poll and the answer's.
                while ((answerSeconds < 0 || readySeconds < 0) && System.nanoTime() < deadline) {
                    if (!run.isAlive()) {
                        throw new IllegalStateException("egressmon run exited with " + run.exitValue() + " after the restart; see " + log);
                    }
                    double now = (System.nanoTime() - killed) / 1e9;
                    if (readySeconds < 0 && answers(ready)) {
                        readySeconds = now;
                    }
                    BandwidthAnswer after = answerSeconds < 0 ? read(closedDay) : null;
                    if (after != null && after.covered().complete() && after.aggregate().equals(before.aggregate())
                            && traffic(after).equals(traffic(before))) {
                        answerSeconds = now;
                    }
                    Thread.sleep(100);
                }
                if (answerSeconds < 0 || readySeconds < 0) {
                    throw new IllegalStateException("no correct answer and /ready within 5 minutes of restart " + k + "; see " + log);
                }
                System.out.printf("kill -9 %d: /ready 200 after %.1f s, the closed day's answer complete and identical after %.1f s%n",
                        k, readySeconds, answerSeconds);
                servingAgain.add(answerSeconds);
                readyAgain.add(readySeconds);
                Thread.sleep(settle.toMillis());
            }
            System.out.printf("bench restart kills=%d serving_again_s_max=%.1f serving_again_s_median=%.1f ready_s_max=%.1f%n",
                    kills, max(servingAgain), median(servingAgain), max(readyAgain));
        } finally {
            run.destroy(); // SIGTERM: a clean stop
            if (!run.waitFor(60, TimeUnit.SECONDS)) {
                run.destroyForcibly();
            }
        }
        return 0;
    }

    private static Process start(Path data, int port, int ingestPort, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = new File(RestartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getPath();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar, "run", "--data-dir", data.toString(),
                "--http-port", Integer.toString(port), "--netflow-listen", "none", "--sflow-listen", "none");
        pb.environment().put("EGRESSMON_INGEST_HTTP_PORT", Integer.toString(ingestPort));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    private static void awaitCaughtUp(URI ready, Process run, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!run.isAlive()) {
                throw new IllegalStateException("egressmon run exited with " + run.exitValue());
            }
            try {
                if (LoadClient.get(ready).contains("\"caught_up\":true")) {
                    return;
                }
            } catch (IOException notYet) {
                // starting: refused or 503
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("not caught up within " + timeout);
    }

    private static boolean answers(URI url) {
        try {
            LoadClient.get(url);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static BandwidthAnswer read(URI url) {
        try {
            return ApiJson.read(LoadClient.get(url), BandwidthAnswer.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** Each spoke's counted traffic: what must not change (its {@code data_until} moves on with polling). */
    private static List<Object> traffic(BandwidthAnswer answer) {
        return answer.gateways().stream().map(g -> (Object) List.of(g.attributes(), g.traffic())).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
