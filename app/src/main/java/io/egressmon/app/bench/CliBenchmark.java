package io.egressmon.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Wall time of a report as a user types it: a new process each time, from its start until it has
 * printed the report and exited, against an egressmon that is already running (it starts none: a
 * report's time is the JVM's start, the one GET and the printing, and an instance takes a minute and a
 * half to catch up). Runs that fail, or print nothing, stop the benchmark instead of being timed.
 */
@Command(name = "cli", mixinStandardHelpOptions = true,
        description = "Wall time of `egressmon report bandwidth --days 7` (a new process per run) against a running egressmon.")
final class CliBenchmark implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
            description = "The running egressmon's REST API (default ${DEFAULT-VALUE}); appended to the command as --url.")
    String url;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "1",
            description = "Untimed runs first: the jar and the archive into the page cache (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--command", paramLabel = "COMMAND",
            description = "The command to time, split at spaces (default: bin/egressmon report bandwidth --days 7, "
                    + "the launcher of the checkout this jar was built in; `java -jar app/target/egressmon.jar report "
                    + "bandwidth --days 7` times the jar without the launcher's flags).")
    String command;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("--runs must be at least 1 and --warmup at least 0");
        }
        List<String> timed = new ArrayList<>(command != null
                ? Arrays.asList(command.strip().split("\\s+"))
                : List.of(launcher().toString(), "report", "bandwidth", "--days", "7"));
        timed.addAll(List.of("--url", url));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        double idle = idleOverOneSecond();

        for (int i = 0; i < warmup; i++) {
            timeOnce(timed);
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            seconds[i] = timeOnce(timed);
            System.out.printf(Locale.ROOT, "run %d: %.3f s%n", i + 1, seconds[i]);
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
        System.out.printf(Locale.ROOT, "bench cli runs=%d median_s=%.3f min_s=%.3f max_s=%.3f idle_pct=%.0f load1=%.1f "
                + "command=\"%s\"%n", runs, median, sorted[0], sorted[runs - 1], idle, load, String.join(" ", timed));
        return 0;
    }

    /**
     * How idle the machine's CPUs were over the second before the runs, in percent (-1 where the JVM
     * cannot tell): on a machine shared with other work the wall times say as much about it as about
     * the report. The load average trails by a minute and says less.
     */
    private static double idleOverOneSecond() throws InterruptedException {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
            return -1;
        }
        os.getCpuLoad(); // the next call measures from here
        Thread.sleep(1000);
        double busy = os.getCpuLoad();
        return busy < 0 ? -1 : 100 * (1 - busy);
    }

    /** Seconds from starting {@code command} until it exited; fails unless it exited 0 with something on stdout. */
    private static double timeOnce(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("egressmon-bench-cli", ".out");
        Path err = Files.createTempFile("egressmon-bench-cli", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            long start = System.nanoTime();
            int exit = builder.start().waitFor();
            long nanos = System.nanoTime() - start;
            if (exit != 0 || Files.size(out) == 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exit + " and printed "
                        + Files.size(out) + " bytes: " + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return nanos / 1e9;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code bin/egressmon} of the checkout whose {@code app/target/egressmon.jar} runs this benchmark. */
    private static Path launcher() throws URISyntaxException {
        Path jar = Path.of(CliBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path checkout = jar.toAbsolutePath().getParent().getParent().getParent();
        Path launcher = checkout.resolve("bin").resolve("egressmon");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no launcher at " + launcher + " (this jar is " + jar + "); give --command");
        }
        return launcher;
    }
}
