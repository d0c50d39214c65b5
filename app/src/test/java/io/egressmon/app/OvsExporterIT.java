package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.ApiJson;
import io.egressmon.api.flows.FlowRow;
import io.egressmon.api.flows.FlowsAnswer;
import io.egressmon.api.ovs.OvsBridge;
import io.egressmon.api.ovs.OvsBridgesAnswer;
import io.egressmon.app.ovs.OvsRest;
import io.egressmon.ingest.ovsdb.OvsdbAddress;
import io.egressmon.app.cli.ReportCommand;
import io.egressmon.ingest.netflow.exporters.Frames;
import io.egressmon.ingest.netflow.exporters.OpenVswitch;
import io.egressmon.ingest.netflow.exporters.Packet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code egressmon ovs} driving a real Open vSwitch in userspace (ovsdb-server and ovs-vswitchd, dummy
 * datapath): the exporter it starts sends IPFIX to our collector, the injected packets show up in the
 * live flow table once each (OvS exports every packet at ingress and at egress), a reconfigured
 * exporter keeps exporting, and a stopped one goes quiet.
 */
@DisplayName("Open vSwitch's exporter from our CLI, into the flow table")
class OvsExporterIT {
    private static final String GATEWAY = "ovs-host";
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    @TempDir
    static Path dir;
    private static OpenVswitch ovs;
    private static FlowPipeline pipeline;

    @BeforeAll
    static void start() throws Exception {
        pipeline = FlowPipeline.start("127.0.0.1=" + GATEWAY);
        ovs = OpenVswitch.start(dir);
    }

    @AfterAll
    static void stop() {
        if (ovs != null) {
            ovs.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** What the CLI printed and returned. */
    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String ovsdb() {
        return "unix:" + ovs.databaseSocket();
    }

    /** {@code count} UDP packets 10.20.0.1:40000 → 10.20.0.2:{@code dstPort} of {@code payload} bytes. */
    private static List<Packet> packets(int dstPort, int count, int payload) throws Exception {
        InetAddress s = InetAddress.getByName("10.20.0.1");
        InetAddress d = InetAddress.getByName("10.20.0.2");
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] frame = Frames.frame(s, d, Frames.UDP, 40_000, dstPort, payload, i + 1);
            packets.add(new Packet(0, s, d, Frames.UDP, Frames.ipLength(s, Frames.UDP, payload), frame));
        }
        return packets;
    }

    /** The flow table's row for {@code dstPort} over the last minute, asked until {@code done} or the timeout. */
    private static FlowRow row(int dstPort, Predicate<FlowRow> done) {
        return row(dstPort, done, TIMEOUT);
    }

    private static FlowRow row(int dstPort, Predicate<FlowRow> done, Duration timeout) {
        String path = "/api/v1/flows?window=1m&gateway=" + GATEWAY + "&port=" + dstPort + "&aggregate=src_port";
        long deadline = System.nanoTime() + timeout.toNanos();
        FlowRow last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = pipeline.get(path);
            if (r.statusCode() == 200) {
                List<FlowRow> rows = ApiJson.read(r.body(), FlowsAnswer.class).rows();
                last = rows.isEmpty() ? null : rows.get(0);
                if (last != null && done.test(last)) {
                    return last;
                }
            }
            PipelineHarness.sleep(Duration.ofMillis(500));
        }
        return last;
    }

    @Test
    @DisplayName("start → the injected packets in the flow table once each; reconfigure → still exported; stop → quiet; bridges says so")
    void startReconfigureStop() throws Exception {
        Run listed = cli("ovs", "bridges", "--ovsdb", ovsdb());
        assertEquals(ReportCommand.EXIT_OK, listed.exit(), listed.err());
        assertEquals("br0\tno IPFIX exporter", listed.out().strip());

        String target = "127.0.0.1:" + pipeline.netflow().getPort();
        Run started = cli("ovs", "start", "--ovsdb", ovsdb(), "--bridge", "br0", "--target", target, "--obs-domain", "123",
                "--cache-active-timeout", "2", "--cache-max-flows", "1000");
        assertEquals(ReportCommand.EXIT_OK, started.exit(), started.err());
        assertTrue(cli("ovs", "bridges", "--ovsdb", ovsdb()).out().contains("IPFIX to " + target + ", sampling 1/1, obs domain 123"));

        List<Packet> first = packets(9_001, 7, 300);
        ovs.inject(first);
        long bytes = first.stream().mapToLong(Packet::ipLength).sum();
        FlowRow row = row(9_001, r -> r.packets() >= 7);
        assertEquals(7, row == null ? 0 : row.packets(), "ingress copies only: " + row);
        assertEquals(bytes, row.bytes());

        Run reconfigured = cli("ovs", "reconfigure", "--ovsdb", ovsdb(), "--bridge", "br0", "--target", target,
                "--obs-domain", "456", "--cache-active-timeout", "2", "--cache-max-flows", "1000");
        assertEquals(ReportCommand.EXIT_OK, reconfigured.exit(), reconfigured.err());
        assertTrue(cli("ovs", "bridges", "--ovsdb", ovsdb()).out().contains("obs domain 456"));
        ovs.inject(packets(9_002, 5, 200));
        FlowRow after = row(9_002, r -> r.packets() >= 5);
        assertEquals(5, after == null ? 0 : after.packets(), "exported again after the new templates: " + after);

        Run stopped = cli("ovs", "stop", "--ovsdb", ovsdb(), "--bridge", "br0");
        assertEquals(ReportCommand.EXIT_OK, stopped.exit(), stopped.err());
        ovs.inject(packets(9_003, 4, 100));
        // Asked for longer than the 2 s active timeout plus OvS's ~2.5 s export delay.
        assertEquals(null, row(9_003, r -> true, Duration.ofSeconds(7)), "nothing exported after stop");
        assertEquals("br0\tno IPFIX exporter", cli("ovs", "bridges", "--ovsdb", ovsdb()).out().strip());
    }

    private static HttpResponse<String> call(String method, String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("over HTTP on the health port: list, start, reconfigure, stop; 400 naming a bad parameter, 404 naming an unknown bridge, 503 for an absent OVSDB")
    void overHttp() throws Exception {
        try (IngestHealthServer server = IngestHealthServer.start(null, pipeline.collector(), new HealthEndpoint("127.0.0.1", 0),
                new OvsRest(OvsdbAddress.parse(ovsdb())));
             IngestHealthServer absent = IngestHealthServer.start(null, null, new HealthEndpoint("127.0.0.1", 0),
                     new OvsRest(OvsdbAddress.parse("unix:" + dir.resolve("nobody.sock"))))) {
            String base = "http://127.0.0.1:" + server.port() + "/api/v1/ovs/bridges";
            OvsBridgesAnswer listed = ApiJson.read(call("GET", base).body(), OvsBridgesAnswer.class);
            assertEquals(List.of(new OvsBridge("br0", null)), listed.bridges());

            HttpResponse<String> started = call("POST", base + "/br0/ipfix?target=127.0.0.1:4739&sampling=4&obs_domain=77");
            assertEquals(200, started.statusCode(), started.body());
            OvsBridge br0 = ApiJson.read(started.body(), OvsBridge.class);
            assertEquals(List.of("127.0.0.1:4739"), br0.ipfix().targets());
            assertEquals(4, br0.ipfix().sampling());
            assertEquals(77, br0.ipfix().obsDomainId());

            HttpResponse<String> changed = call("POST", base + "/br0/ipfix?target=127.0.0.1:4739&obs_domain=78");
            assertEquals(78, ApiJson.read(changed.body(), OvsBridge.class).ipfix().obsDomainId(), changed.body());

            HttpResponse<String> bad = call("POST", base + "/br0/ipfix?target=127.0.0.1:4739&sampling=0");
            assertEquals(400, bad.statusCode(), bad.body());
            assertEquals("sampling", ApiJson.read(bad.body(), io.egressmon.api.ErrorAnswer.class).parameter());
            HttpResponse<String> noTarget = call("POST", base + "/br0/ipfix");
            assertEquals("target", ApiJson.read(noTarget.body(), io.egressmon.api.ErrorAnswer.class).parameter());
            HttpResponse<String> unknown = call("DELETE", base + "/br9/ipfix");
            assertEquals(404, unknown.statusCode(), unknown.body());
            assertEquals("bridge", ApiJson.read(unknown.body(), io.egressmon.api.ErrorAnswer.class).parameter());

            HttpResponse<String> stopped = call("DELETE", base + "/br0/ipfix");
            assertEquals(200, stopped.statusCode(), stopped.body());
            assertEquals(new OvsBridge("br0", null), ApiJson.read(stopped.body(), OvsBridge.class));

            HttpResponse<String> away = call("GET", "http://127.0.0.1:" + absent.port() + "/api/v1/ovs/bridges");
            assertEquals(503, away.statusCode(), away.body());
            assertTrue(away.body().contains("cannot reach OVSDB at unix:" + dir.resolve("nobody.sock")), away.body());
        }
    }

    @Test
    @DisplayName("an OVSDB that is not there, a bridge that is not there: a clear message and an exit code, not a stack trace")
    void errors() {
        Run missing = cli("ovs", "bridges", "--ovsdb", "unix:" + dir.resolve("nobody.sock"), "--timeout", "2");
        assertEquals(ReportCommand.EXIT_UNAVAILABLE, missing.exit());
        assertTrue(missing.err().contains("cannot reach OVSDB at unix:" + dir.resolve("nobody.sock")), missing.err());
        Run refused = cli("ovs", "bridges", "--ovsdb", "tcp:127.0.0.1:1", "--timeout", "2");
        assertEquals(ReportCommand.EXIT_UNAVAILABLE, refused.exit(), refused.err());
        Run noBridge = cli("ovs", "start", "--ovsdb", ovsdb(), "--bridge", "br9", "--target", "127.0.0.1:2055");
        assertEquals(ReportCommand.EXIT_USAGE, noBridge.exit());
        assertTrue(noBridge.err().contains("br9"), noBridge.err());
        Run badAddress = cli("ovs", "bridges", "--ovsdb", "ssl:10.0.0.1:6640");
        assertEquals(ReportCommand.EXIT_USAGE, badAddress.exit());
        assertTrue(badAddress.err().contains("not supported"), badAddress.err());
    }
}
