package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.ApiJson;
import io.egressmon.api.flows.FlowRow;
import io.egressmon.api.flows.FlowsAnswer;
import io.egressmon.ingest.netflow.exporters.Capture;
import io.egressmon.ingest.netflow.exporters.Replays;
import io.egressmon.ingest.netflow.exporters.TrafficPlan;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The live flow table end to end: softflowd replays a pcap of ovs-flowmon's five example flows, its
 * IPFIX goes to the collector, through Kafka into the streams app's flow table, and
 * {@code GET /api/v1/flows} wildcards columns exactly as the seed's README shows.
 */
@DisplayName("The live flow table from a real exporter")
class FlowTableIT {
    private static final String IP_A = "10.1.0.5";
    private static final String IP_B = "93.184.216.34";
    private static final String IP_C = "10.1.0.9";
    private static final String GATEWAY = "spoke-flowmon";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static FlowPipeline pipeline;
    private static InetAddress exporter;

    @BeforeAll
    static void start() throws Exception {
        exporter = InetAddress.getByName("127.0.1.41");
        pipeline = FlowPipeline.start(exporter.getHostAddress() + "=" + GATEWAY);
        Replays.Export export = Replays.softflowdOf("flowmon seed",
                TrafficPlan.flowmonSeed(Instant.now().minusSeconds(20), IP_A, IP_B, IP_C));
        assertTrue(!export.datagrams().isEmpty(), "softflowd sent nothing");
        Capture.replay(export.datagrams(), exporter, pipeline.netflow().getPort());
        pipeline.awaitCollected(exporter, export.datagrams().size(), TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** The answer to {@code query} (over the last minute, the gateway's), once all five flows are in it. */
    private static FlowsAnswer flows(String query) {
        String path = "/api/v1/flows?window=1m&gateway=" + GATEWAY + "&" + query;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> r = pipeline.get(path);
            if (r.statusCode() == 200) {
                FlowsAnswer a = ApiJson.read(r.body(), FlowsAnswer.class);
                if (a.matchedFlows() >= 5 || System.nanoTime() > deadline) {
                    return a;
                }
            } else if (r.statusCode() != 503 || System.nanoTime() > deadline) {
                throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            PipelineHarness.sleep(Duration.ofMillis(500));
        }
    }

    /** Rows as the seed's tables show them: SrcAddr, DstAddr, SrcPort, DstPort, RATE (kbps). */
    private static List<List<String>> table(FlowsAnswer answer) {
        List<List<String>> out = new ArrayList<>();
        for (FlowRow r : answer.rows()) {
            out.add(List.of(cell(r.srcAddr()), cell(r.dstAddr()), cell(r.srcPort()), cell(r.dstPort()),
                    String.valueOf(Math.round(r.rateKbps()))));
        }
        return out;
    }

    private static String cell(Object value) {
        return value == null ? "*" : value.toString();
    }

    @Test
    @DisplayName("nothing wildcarded: the five flows, at 10, 10, 5, 3 and 3 kbit/s")
    void fiveFlows() {
        FlowsAnswer a = flows("sort=rate");
        assertEquals(5, a.matchedFlows(), "one record per flow and direction");
        assertEquals(List.of(10L, 10L, 5L, 3L, 3L), a.rows().stream().map(r -> Math.round(r.rateKbps())).toList());
        assertEquals(75_000, a.rows().get(0).bytes());
        assertEquals(50, a.rows().get(0).packets());
    }

    @Test
    @DisplayName("SrcPort and DstPort wildcarded: the seed's first aggregated table")
    void portsWildcarded() {
        assertEquals(List.of(
                List.of(IP_A, IP_B, "*", "*", "13"),
                List.of(IP_B, IP_A, "*", "*", "13"),
                List.of(IP_C, IP_B, "*", "*", "5")), table(flows("aggregate=src_port,dst_port&sort=rate&order=desc")));
    }

    @Test
    @DisplayName("egressmon flows --once prints the same tables as CSV and as text, wildcards as *")
    void onceFromTheCli() {
        flows("aggregate=src_port"); // the five flows are in
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = Main.commandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        int exit = cli.execute("flows", "--once", "--url", pipeline.url(), "--window", "1m", "--gateway", GATEWAY,
                "--aggregate", "src_addr,src_port,dst_port", "-o", "csv");
        assertEquals(0, exit, err.toString());
        List<String> lines = List.of(out.toString().strip().split("\\r?\\n"));
        assertEquals(3, lines.size(), out.toString());
        assertTrue(lines.get(1).startsWith(GATEWAY + ",*," + IP_B + ",*,*,tcp,135000,90,18.000,3,"), lines.get(1));
        assertTrue(lines.get(2).startsWith(GATEWAY + ",*," + IP_A + ",*,*,tcp,97500,65,13.000,2,"), lines.get(2));

        out.getBuffer().setLength(0);
        exit = cli.execute("flows", "--once", "--url", pipeline.url(), "--window", "1m", "--gateway", GATEWAY,
                "--aggregate", "src_port,dst_port");
        assertEquals(0, exit, err.toString());
        List<String> rows = List.of(out.toString().split("\\r?\\n")).stream()
                .filter(l -> l.contains(IP_A) || l.contains(IP_C)).toList();
        assertEquals(3, rows.size(), out.toString());
        assertTrue(rows.stream().allMatch(l -> l.matches(".*\\s\\*\\s+\\*\\s.*")), "ports shown as *: " + out);
    }

    @Test
    @DisplayName("SrcAddr wildcarded too: the seed's second table, the traffic hitting each host")
    void sourceWildcarded() {
        assertEquals(List.of(
                List.of("*", IP_B, "*", "*", "18"),
                List.of("*", IP_A, "*", "*", "13")), table(flows("aggregate=src_addr,src_port,dst_port")));
    }
}
