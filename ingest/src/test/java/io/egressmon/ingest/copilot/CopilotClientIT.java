package io.egressmon.ingest.copilot;

import io.egressmon.avro.TalkerRole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.Estate;
import io.egressmon.copilot.sim.Faults;
import io.egressmon.copilot.sim.InterfaceRange;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.avro.FlowDirection;
import io.egressmon.copilot.sim.flowiq.FlowEstate;
import io.egressmon.copilot.sim.flowiq.TalkerTruth;
import io.egressmon.ingest.flowiq.SubQuery;
import io.egressmon.ingest.IngestStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The CoPilot client against the simulator")
class CopilotClientIT {
    private static CopilotSimulator sim;
    private static Estate estate;

    private Vertx vertx;
    private IngestStats stats;
    private CopilotClient client;

    @BeforeAll
    static void startSimulator() {
        sim = CopilotSimulator.start(SimulatorConfig.defaults().withPort(0));
        estate = sim.estate();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void start() {
        sim.faults(Faults.none());
        vertx = Vertx.vertx();
        stats = new IngestStats();
        client = new CopilotClient(vertx, config(), stats);
    }

    @AfterEach
    void stop() {
        client.close();
        vertx.close();
        sim.faults(Faults.none());
    }

    /** Quick retries against the simulator, then {@code more} as name, value, name, value… */
    private static CopilotSettings config(String... more) {
        return CopilotSettingsTest.read(Map.of("COPILOT_URL", sim.baseUrl(), "USERNAME", "admin", "PASSWORD", "simulator",
                "EGRESSMON_RETRY_BASE_DELAY", "10ms", "EGRESSMON_RETRY_MAX_DELAY", "50ms", "EGRESSMON_REQUEST_TIMEOUT", "5s"),
                more);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static CopilotException failure(Future<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        return assertInstanceOf(CopilotException.class, e.getCause());
    }

    private static List<String> spokes() {
        return estate.spokes().stream().map(io.egressmon.copilot.sim.Gateway::name).toList();
    }

    @Test
    @DisplayName("logs in on first use and reads the inventory: 19 gateways, 14 spokes, tunnels without tun0")
    void inventory() throws Exception {
        List<ControllerGateway> gateways = await(client.gateways());
        assertEquals(19, gateways.size());
        assertEquals(14, gateways.stream().filter(ControllerGateway::isSpoke).count());
        assertEquals(1, stats.loginCount.get());

        Map<String, List<String>> tunnels = await(client.tunnelInterfaces());
        Instant now = sim.config().clock().instant();
        for (io.egressmon.copilot.sim.Gateway g : estate.gateways()) {
            assertEquals(g.tunnelsAt(now).stream().sorted().toList(), tunnels.get(g.name()), g.name());
        }
        assertFalse(tunnels.get(Estate.OPENVPN_SPOKE).contains("tun0"));
        assertEquals(1, stats.loginCount.get(), "one session for all calls");
    }

    @Test
    @DisplayName("one POST for all spokes answers each spoke's min/max in the order asked")
    void performance() throws Exception {
        Instant start = estate.anchor().minus(Duration.ofDays(2));
        Instant end = estate.anchor().minus(Duration.ofDays(1));
        List<String> names = spokes();

        List<GatewayPerformance> answers = await(client.performance(names, start, end));

        assertEquals(names, answers.stream().map(GatewayPerformance::gateway).toList());
        for (GatewayPerformance p : answers) {
            Map<String, InterfaceRange> expected = estate.performance(p.gateway(), start, end, sim.config().clock().instant());
            assertEquals(expected.keySet(), p.interfaces().keySet(), p.gateway());
            expected.forEach((iface, r) -> assertEquals(new InterfaceMinMax(r.rxBytes().min(), r.rxBytes().max(),
                    r.txBytes().min(), r.txBytes().max()), p.interfaces().get(iface), p.gateway() + "/" + iface));
        }
        assertTrue(answers.stream().filter(p -> p.gateway().equals(Estate.NO_METRICS_SPOKE)).allMatch(p -> p.interfaces().isEmpty()));
        assertEquals(1, stats.emptyInterfaces.get(), "the spoke without metrics");
    }

    @Test
    @DisplayName("odd JSON in every answer (nulls, missing keys, unknown fields) never fails a call and never changes a number")
    void oddJson() throws Exception {
        sim.faults(Faults.none().withOddJsonRate(1.0));
        Instant start = estate.anchor().minus(Duration.ofDays(2));
        Instant end = estate.anchor().minus(Duration.ofDays(1));
        for (int round = 0; round < 5; round++) {
            for (GatewayPerformance p : await(client.performance(spokes(), start, end))) {
                Map<String, InterfaceRange> expected = estate.performance(p.gateway(), start, end, sim.config().clock().instant());
                p.interfaces().forEach((iface, mm) -> {
                    InterfaceRange r = expected.get(iface);
                    assertTrue(mm.rxMin() == null || mm.rxMin() == r.rxBytes().min());
                    assertTrue(mm.rxMax() == null || mm.rxMax() == r.rxBytes().max());
                    assertTrue(mm.txMin() == null || mm.txMin() == r.txBytes().min());
                    assertTrue(mm.txMax() == null || mm.txMax() == r.txBytes().max());
                });
            }
        }
        assertTrue(stats.nullValues.get() > 0, stats.toString());
        assertEquals(0, stats.failedCalls.get());
    }

    @Test
    @DisplayName("an expired session is noticed (401), the client logs in again once and the call succeeds")
    void sessionExpiry() throws Exception {
        await(client.login());
        sim.faults(Faults.none().withSessionTtl(Duration.ofMillis(300)));
        Thread.sleep(400);

        assertEquals(19, await(client.gateways()).size());

        assertEquals(1, stats.relogins.get());
        assertEquals(2, stats.loginCount.get());
    }

    @Test
    @DisplayName("503s are retried with back-off; when they never stop, the call fails with a message naming it")
    void errorsRetriedThenFail() throws Exception {
        await(client.login());
        sim.faults(Faults.none().withErrorRate(1.0));

        CopilotException e = failure(client.performance(List.of("a", "b"), estate.anchor().minus(Duration.ofHours(1)),
                estate.anchor()));

        assertTrue(e.getMessage().contains("POST /api/reports/report/performance") && e.getMessage().contains("6 attempts")
                && e.getMessage().contains("HTTP 503"), e.getMessage());
        assertEquals(503, e.status());
        assertEquals(5, stats.retries.get());
        assertEquals(1, stats.failedCalls.get());
    }

    @Test
    @DisplayName("a request that stalls past the timeout is retried and finally reported as timed out")
    void timeouts() throws Exception {
        client.close();
        client = new CopilotClient(vertx, config("EGRESSMON_REQUEST_TIMEOUT", "300ms", "EGRESSMON_MAX_ATTEMPTS", "2"), stats);
        await(client.login());
        sim.faults(Faults.none().withStalls(1.0, Duration.ofSeconds(1)));

        CopilotException e = failure(client.gateways());

        assertTrue(e.getMessage().contains("GET /api/gateways") && e.getMessage().contains("timed out"), e.getMessage());
        assertEquals(1, stats.retries.get());
    }

    @Test
    @DisplayName("a wrong password is a clear error that does not contain the password")
    void wrongPassword() throws Exception {
        client.close();
        client = new CopilotClient(vertx, config("PASSWORD", "not-the-password"), stats);

        CopilotException e = failure(client.gateways());

        assertTrue(e.getMessage().contains("refused the login as 'admin'") && e.getMessage().contains("password"),
                e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"));
        assertEquals(401, e.status());
    }

    @Test
    @DisplayName("field_agg answers a spoke's sub-query exactly, biggest first, inclusive at both ends; size cuts it and says so")
    void fieldAgg() throws Exception {
        Instant from = estate.anchor().minus(Duration.ofDays(2));
        Instant to = from.plus(Duration.ofHours(1));
        String query = SubQuery.OUTBOUND_DESTINATIONS.queryString(FlowEstate.MARKETING);
        Map<String, Long> truth = sim.talkerTruth(from, to).bytes(FlowEstate.MARKETING, TalkerRole.EXTERNAL,
                FlowDirection.OUTBOUND);

        FieldAggAnswer all = await(client.fieldAgg("netflow.dst_addr", query, from, to.minusMillis(1), 10_000));
        Map<String, Long> got = new HashMap<>();
        all.buckets().forEach(b -> got.put(b.key(), b.bytes()));
        assertEquals(truth, got);
        assertTrue(truth.size() > 3 && !all.filled(10_000), truth.size() + " keys");

        FieldAggAnswer top = await(client.fieldAgg("netflow.dst_addr", query, from, to.minusMillis(1), 3));
        assertEquals(TalkerTruth.rank(truth, 3).stream().map(r -> new FieldAggBucket(r.ip(), r.bytes())).toList(), top.buckets());
        assertTrue(top.filled(3));
        assertEquals(0, stats.flowiqSkippedBuckets.get());
        assertEquals(1, stats.loginCount.get(), "the same session as every other call");
    }

    @Test
    @DisplayName("a query CoPilot refuses (400) fails at once with its answer, naming the call, without retries")
    void fieldAggBadQuery() throws Exception {
        Instant to = estate.anchor().minus(Duration.ofDays(1));

        CopilotException e = failure(client.fieldAgg("netflow.dst_addr", "netflow.src_addr:(", to.minus(Duration.ofHours(1)), to, 10));

        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("GET /api/flowiq/field_agg") && e.getMessage().contains("HTTP 400")
                && e.getMessage().contains("query_string"), e.getMessage());
        assertEquals(0, stats.retries.get());
    }
}
