package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.copilot.sim.flowiq.FlowRecord;
import io.egressmon.copilot.sim.flows.ExportFormat;
import io.egressmon.copilot.sim.flows.FlowEncoder;
import io.egressmon.copilot.sim.flows.SpokeExporter;
import io.egressmon.copilot.sim.flows.WireFlow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code egressmon flows} in a real terminal: the monitor runs as its own JVM inside a detached tmux
 * session, reads a live flow table from the real pipeline (broker, collector, streams app) while NetFlow
 * v9 keeps arriving, and is driven with {@code tmux send-keys} and read with {@code tmux capture-pane}.
 *
 * <p>The flows are the seed's five (ovs-flowmon's README, "Aggregates"): a client and a server talking
 * on two connections each way, and a third host talking to the server; wildcarding both ports collapses
 * them into three rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The terminal flow monitor in tmux")
class FlowMonitorIT {
    private static final String CLIENT = "10.1.0.1";
    private static final String OTHER = "10.1.0.3";
    private static final String SERVER = "198.51.100.2";
    private static final InetAddress EXPORTER = address("127.0.1.1");
    private static final Duration SCREEN_TIMEOUT = Duration.ofSeconds(20);

    private FlowPipeline pipeline;
    private ScheduledExecutorService sender;
    private DatagramSocket socket;

    @BeforeAll
    void startPipelineAndFlows() throws IOException {
        pipeline = FlowPipeline.start(EXPORTER.getHostAddress() + "=spoke-1");
        socket = new DatagramSocket(new InetSocketAddress(EXPORTER, 0));
        long bootMs = System.currentTimeMillis() - 3_600_000;
        FlowEncoder encoder = FlowEncoder.of(new SpokeExporter("spoke-1", 0, EXPORTER, ExportFormat.NETFLOW_V9, 1, 1), bootMs);
        sender = Executors.newSingleThreadScheduledExecutor();
        // Five datagrams a second, so the table is never empty and its rates are live.
        sender.scheduleAtFixedRate(() -> send(encoder), 0, 200, TimeUnit.MILLISECONDS);
        awaitRows(5);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (sender != null) {
            sender.shutdownNow();
            sender.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (socket != null) {
            socket.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @DisplayName("the table appears with live rates; 4 and 5 wildcard the ports and the rows collapse; s and o sort; / filters; q exits and restores the terminal")
    void monitorsLiveFlows() throws Exception {
        try (Tmux tmux = Tmux.start("egressmon-flows-it", monitorCommand(pipeline.url()))) {
            List<Row> rows = rows(tmux.await(s -> rows(s).size() == 5 && rows(s).stream().allMatch(r -> r.rate() > 0)
                    && s.contains("Rate kbps v"), SCREEN_TIMEOUT));
            assertEquals(List.of(10.0, 10.0, 5.0, 3.0, 3.0), relativeRates(rows), "sorted by rate, largest first");

            tmux.keys("4", "5");
            rows = rows(tmux.await(s -> s.contains("wildcards src_port,dst_port") && rows(s).size() == 3, SCREEN_TIMEOUT));
            assertTrue(rows.stream().allMatch(r -> r.srcPort().equals("*") && r.dstPort().equals("*")), rows::toString);
            assertEquals(List.of(13.0, 13.0, 5.0), relativeRates(rows), "the seed's first aggregated table");

            tmux.keys("s");
            rows = rows(tmux.await(s -> s.contains("Bytes v") && s.contains("sort bytes desc") && rows(s).size() == 3,
                    SCREEN_TIMEOUT));
            assertTrue(rows.get(0).bytes() >= rows.get(2).bytes(), rows::toString);
            tmux.keys("o");
            rows = rows(tmux.await(s -> s.contains("Bytes ^") && rows(s).size() == 3, SCREEN_TIMEOUT));
            assertTrue(rows.get(0).bytes() < rows.get(2).bytes(), "ascending after o: " + rows);
            assertEquals(OTHER, rows.get(0).src(), "the smallest talker first");

            tmux.keys("/");
            tmux.text("src_addr=10.1.0.0/33");
            tmux.keys("Enter");
            tmux.await(s -> s.contains("filter refused: src_addr='10.1.0.0/33': the prefix length must be 0-32"), SCREEN_TIMEOUT);

            tmux.keys("/");
            tmux.text("src_addr=10.1.0.0/16");
            tmux.keys("Enter");
            rows = rows(tmux.await(s -> s.contains("filter src_addr=10.1.0.0/16") && rows(s).size() == 2, SCREEN_TIMEOUT));
            assertTrue(rows.stream().allMatch(r -> r.src().startsWith("10.1.")), rows::toString);

            tmux.keys("q");
            tmux.awaitExit(Duration.ofSeconds(10));
            assertEquals("0", tmux.exitStatus(), "exit status");
            assertEquals("0", tmux.format("#{alternate_on}"), "the alternate screen is left");
            assertFalse(tmux.capture().contains("SrcAddr"), "the table is gone with the alternate screen");
        }
    }

    @Test
    @DisplayName("an unreachable server is said in the status line, retried every second, and q still exits cleanly")
    void unreachableServer() throws Exception {
        String closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + s.getLocalPort();
        }
        try (Tmux tmux = Tmux.start("egressmon-flows-it-down", monitorCommand(closed))) {
            String first = tmux.await(s -> s.contains("cannot reach egressmon at " + closed + " (connection refused)"),
                    SCREEN_TIMEOUT);
            String clock = first.lines().findFirst().orElseThrow();
            tmux.await(s -> !s.lines().findFirst().orElseThrow().equals(clock) && s.contains("retrying every second"),
                    SCREEN_TIMEOUT);
            tmux.keys("q");
            tmux.awaitExit(Duration.ofSeconds(10));
            assertEquals("0", tmux.exitStatus(), "exit status");
            assertEquals("0", tmux.format("#{alternate_on}"), "the alternate screen is left");
        }
    }

    @Test
    @DisplayName("an OVSDB that is not there: the exporter's line says so, e retries, the table keeps refreshing, q exits")
    void unreachableOvsdb() throws Exception {
        String socket = Files.createTempDirectory("egressmon-no-ovs").resolve("db.sock").toString();
        try (Tmux tmux = Tmux.start("egressmon-flows-it-ovs", monitorCommand(pipeline.url())
                + " --ovsdb unix:" + socket + " --ovs-bridge br0")) {
            String screen = tmux.await(s -> s.contains("OvS br0: cannot connect to OVSDB at unix:" + socket)
                    && !rows(s).isEmpty(), SCREEN_TIMEOUT);
            assertTrue(screen.contains("[e: retry]"), screen);
            tmux.keys("e");
            tmux.await(s -> s.contains("OvS br0: cannot connect") && !rows(s).isEmpty(), SCREEN_TIMEOUT);
            tmux.keys("q");
            tmux.awaitExit(Duration.ofSeconds(10));
            assertEquals("0", tmux.exitStatus(), "exit status");
        }
    }

    /** One table line: Gateway SrcAddr DstAddr SrcPort DstPort Proto Bytes Packets Rate Flows. */
    record Row(String src, String dst, String srcPort, String dstPort, long bytes, double rate) {
    }

    /** The table's rows on a captured screen: the lines after the header up to the first blank one. */
    static List<Row> rows(String screen) {
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : screen.lines().toList()) {
            if (line.startsWith("Gateway")) {
                inTable = true;
            } else if (inTable && line.isBlank()) {
                break;
            } else if (inTable) {
                String[] f = line.trim().split("\\s+");
                if (f.length != 10) {
                    continue; // captured while being drawn: the screen is read again
                }
                rows.add(new Row(f[1], f[2], f[3], f[4], Long.parseLong(f[6]), Double.parseDouble(f[8])));
            }
        }
        return rows;
    }

    /**
     * Each row's share of the bytes in the seed's kbps (31 in all), to 0.1: the seed's rates whatever the
     * send rate, as every datagram carries the five flows in the same proportion.
     */
    private static List<Double> relativeRates(List<Row> rows) {
        double total = rows.stream().mapToLong(Row::bytes).sum();
        return rows.stream().map(r -> Math.round(r.bytes() * 31 / total * 10) / 10.0).toList();
    }

    /** The seed's five flows, bytes in its 10:10:5:3:3 proportion. */
    private void send(FlowEncoder encoder) {
        long now = System.currentTimeMillis();
        List<WireFlow> flows = List.of(flow(CLIENT, SERVER, 55432, 80, 10, now), flow(SERVER, CLIENT, 80, 55432, 10, now),
                flow(OTHER, SERVER, 56543, 80, 5, now), flow(CLIENT, SERVER, 55433, 80, 3, now),
                flow(SERVER, CLIENT, 80, 55433, 3, now));
        try {
            for (byte[] datagram : encoder.encode(flows, now)) {
                socket.send(new DatagramPacket(datagram, datagram.length, pipeline.netflow()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send to the collector", e);
        }
    }

    private static WireFlow flow(String src, String dst, int srcPort, int dstPort, int weight, long now) {
        return new WireFlow(new FlowRecord(src, dst, "spoke-1", srcPort, dstPort, 6), weight * 1000L, weight, now - 1000, now);
    }

    /** Waits until the REST API lists {@code count} rows, so the monitor starts against a filled table. */
    private void awaitRows(int count) {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(pipeline.url() + "/api/v1/flows");
        String[] last = {""};
        PipelineHarness.await(() -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                last[0] = r.statusCode() + " " + r.body();
                return r.statusCode() == 200 && r.body().contains("\"total_rows\":" + count);
            } catch (IOException e) {
                last[0] = e.toString();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }, Duration.ofSeconds(60), () -> "the flow table never had " + count + " rows; last answer " + last[0]);
    }

    /** The monitor as its own JVM on this test's classpath (an argument file: the classpath is longer than tmux takes). */
    private static String monitorCommand(String url) throws IOException {
        Path args = Files.createTempFile("egressmon-flows-it", ".args");
        args.toFile().deleteOnExit();
        Files.writeString(args, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n",
                StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return java + " -Dorg.slf4j.simpleLogger.defaultLogLevel=warn @" + args + " " + Main.class.getName()
                + " flows --url " + url;
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A detached tmux session (on a server of its own, {@code -L}, not the user's) running one command;
     * killed on close whatever happened. The command's exit status goes to a file: a tmux server started
     * from the JVM does not always learn it ({@code pane_dead_status} stayed empty).
     */
    record Tmux(String session, Path status) implements AutoCloseable {
        private static final String SOCKET = "egressmon-it";

        static Tmux start(String session, String command) throws IOException {
            run("kill-session", "-t", session); // a leftover of an interrupted run; fails when there is none
            Path status = Files.createTempFile(session, ".status");
            status.toFile().deleteOnExit();
            // remain-on-exit keeps the pane after the command ends, so what it left on screen can be read.
            String out = run("new-session", "-d", "-s", session, "-x", "160", "-y", "40",
                    command + "; echo $? > " + status, ";", "set-option", "-t", session, "remain-on-exit", "on");
            Tmux tmux = new Tmux(session, status);
            assertEquals("", out, "tmux new-session");
            return tmux;
        }

        String capture() {
            return run("capture-pane", "-p", "-t", session);
        }

        String format(String format) {
            return run("display-message", "-p", "-t", session, format).trim();
        }

        void keys(String... keys) {
            List<String> command = new ArrayList<>(List.of("send-keys", "-t", session));
            command.addAll(List.of(keys));
            run(command.toArray(String[]::new));
        }

        /** Types {@code text} literally (no key names). */
        void text(String text) {
            run("send-keys", "-t", session, "-l", text);
        }

        /** The first screen {@code done} accepts; fails with the last screen after {@code timeout}. */
        String await(Predicate<String> done, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            String screen = capture();
            while (!done.test(screen)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the screen never showed what was expected within " + timeout + "; last:\n" + screen);
                }
                PipelineHarness.sleep(Duration.ofMillis(200));
                screen = capture();
            }
            return screen;
        }

        /** The monitor's exit status, once {@link #awaitExit} has seen it end. */
        String exitStatus() throws IOException {
            return Files.readString(status).trim();
        }

        void awaitExit(Duration timeout) {
            PipelineHarness.await(() -> "1".equals(format("#{pane_dead}")), timeout,
                    () -> "the monitor is still running; screen:\n" + capture());
        }

        @Override
        public void close() {
            run("kill-session", "-t", session);
        }

        /** Runs a tmux command on this test's server: its stdout and stderr together. */
        private static String run(String... arguments) {
            List<String> command = new ArrayList<>(List.of("tmux", "-L", SOCKET));
            command.addAll(List.of(arguments));
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("tmux hung: " + String.join(" ", command));
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
