package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.egressmon.api.ApiJson;
import io.egressmon.api.CopilotBadAnswers;
import io.egressmon.api.IngestHealthAnswer;
import io.egressmon.avro.SpokeHourCost;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.GroundTruth;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.copilot.sim.Stats;
import io.egressmon.copilot.sim.flowiq.TalkerTruth;
import io.egressmon.streams.StreamsApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Simulator → ingest → Kafka → two streams-app instances → REST, on a real in-process broker: after a
 * 30-day backfill in 6-hour slices, every spoke's totals equal the simulator's ground truth, asked of
 * either instance — the rebooted spoke and the spoke whose tunnel appeared part-way included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndIT {
    @AutoClose
    private PipelineHarness pipeline;
    private StreamsApp first;
    private StreamsApp second;
    private Instant backfillStart;
    private Instant until;

    @BeforeAll
    void startPipeline() throws Exception {
        pipeline = new PipelineHarness(CopilotSimulator.start(SimulatorConfig.defaults()));
        first = pipeline.startStreams("first");
        second = pipeline.startStreams("second");
        backfillStart = pipeline.startIngest(pipeline.ingestConfig());
        Thread watcher = new Thread(this::watchBackfill, "backfill-watcher");
        watcher.setDaemon(true);
        watcher.start();
        pipeline.awaitPolledUntil(Instant.now().minus(Duration.ofMinutes(2)), Duration.ofMinutes(6));
        watcher.interrupt();
        watcher.join();
        until = pipeline.lastCoarseSliceEnd(backfillStart);
    }

    /** Answers to {@code days=30} seen while the first backfill ran. */
    private final List<JsonNode> duringBackfill = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Answers to {@code /ready} seen while the first backfill ran. */
    private final List<JsonNode> readyDuringBackfill = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Asks {@code days=30} of the first instance every half second until interrupted. */
    private void watchBackfill() {
        HttpClient client = HttpClient.newHttpClient();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(first.url() + "/api/v1/bandwidth?days=30"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    duringBackfill.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()));
                }
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(first.url() + "/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    readyDuringBackfill.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(ready.body()));
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // not up yet, or rebalancing: the next try tells
                PipelineHarness.sleep(Duration.ofMillis(500));
            }
        }
    }

    @Test
    @DisplayName("while the first backfill runs, days=30 says complete: false and how far its data reaches; "
            + "no answer that says complete is short of the truth")
    void incompleteWhileBackfilling() {
        List<JsonNode> incomplete = duringBackfill.stream().filter(a -> !a.path("complete").asBoolean()).toList();
        assertTrue(incomplete.size() >= 3, "answers seen during the backfill: " + duringBackfill.size()
                + ", incomplete: " + incomplete.size());
        for (JsonNode a : incomplete) {
            Instant end = Instant.parse(a.path("period_end").asText());
            if (a.has("data_until")) {
                assertTrue(Instant.parse(a.path("data_until").asText()).isBefore(end), a.toString());
            }
        }
        int checked = 0;
        for (JsonNode a : duringBackfill) {
            if (a.path("complete").asBoolean()) {
                Instant start = Instant.parse(a.path("period_start").asText());
                Instant end = Instant.parse(a.path("data_until").asText());
                double worst = PipelineHarness.worstRelativeError(a, pipeline.simulator.truth(start, end));
                assertTrue(worst <= 0.01, "a complete answer within 1 % of the truth up to its data_until: " + worst + " in " + a);
                checked++;
            }
        }
        System.out.printf("during the backfill: %d answers, %d incomplete, %d complete checked%n",
                duringBackfill.size(), incomplete.size(), checked);
    }

    @Test
    @DisplayName("/ready reports the backfill's progress: behind while it runs, caught up after")
    void readyReportsBackfillProgress() {
        assertTrue(readyDuringBackfill.stream().anyMatch(r -> !r.path("caught_up").asBoolean(true)
                && r.path("behind_seconds").asLong(0) > 3600), "some /ready during the backfill said how far behind: "
                + readyDuringBackfill);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        PipelineHarness.Reply ready;
        do {
            ready = pipeline.get(first, "/ready");
            if (ready.status() == 200 && ready.body().path("caught_up").asBoolean()) {
                break;
            }
            PipelineHarness.sleep(Duration.ofSeconds(1));
        } while (System.nanoTime() < deadline);
        assertEquals(200, ready.status(), ready.text());
        assertTrue(ready.body().path("caught_up").asBoolean(), ready.text());
        assertTrue(ready.body().path("behind_seconds").asLong() <= 300, ready.text());
    }

    /** The answer to {@code query} once it says it is complete (the streams app may still be catching up). */
    private JsonNode awaitComplete(StreamsApp app, String query) {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        PipelineHarness.Reply reply;
        do {
            reply = pipeline.get(app, query);
            if (reply.status() == 200 && reply.body().path("complete").asBoolean()) {
                break;
            }
            PipelineHarness.sleep(Duration.ofSeconds(2));
        } while (System.nanoTime() < deadline);
        PipelineHarness.Reply last = reply;
        assertEquals(200, last.status(), last::text);
        return last.body();
    }

    @Test
    @DisplayName("twenty random hour-aligned periods inside the 30 days: every spoke within 0.1 % of ground truth, exact and complete")
    void randomHourAlignedPeriods() {
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        long hours = Duration.between(backfillStart, until).toHours();
        for (int i = 0; i < 20; i++) {
            long a = random.nextLong(hours);
            long b = a + 1 + random.nextLong(hours - a);
            Instant from = backfillStart.plus(Duration.ofHours(a));
            Instant to = backfillStart.plus(Duration.ofHours(b));
            JsonNode body = awaitComplete(i % 2 == 0 ? first : second, "/api/v1/bandwidth?from=" + from + "&to=" + to);
            GroundTruth truth = pipeline.simulator.truth(from, to);
            double worst = PipelineHarness.worstRelativeError(body, truth);
            System.out.printf("seed %d: %s..%s (%d h): largest relative error %.6f%%%n", seed, from, to, b - a, worst * 100);
            assertTrue(worst <= PipelineHarness.TOLERANCE, "seed " + seed + ", " + from + ".." + to + ": "
                    + PipelineHarness.differences(body, truth) + " in " + body);
            assertFalse(body.path("approximate").asBoolean(), "hour edges split no reading interval: " + body);
            assertTrue(body.path("complete").asBoolean(), body.toString());
            assertEquals("PT1H", body.path("resolution").asText());
            assertFalse(body.has("requested_start"), "the period was covered as asked");
        }
    }

    @Test
    @DisplayName("the 30-day totals of every spoke match ground truth within 0.1 %, from either instance")
    void thirtyDayTotalsMatchGroundTruth() {
        GroundTruth truth = pipeline.simulator.truth(backfillStart, until);
        assertTrue(truth.spokes().size() >= 14, "the simulator models 14 spokes");
        assertTrue(truth.gateway("operations-aws-spoke-k8s").reboots() > 0, "the rebooted spoke rebooted inside the period");

        JsonNode fromFirst = pipeline.assertMatchesTruth(first, backfillStart, until, Duration.ofMinutes(4));
        JsonNode fromSecond = pipeline.assertMatchesTruth(second, backfillStart, until, Duration.ofMinutes(1));
        assertEquals(fromFirst, fromSecond, "both instances give the same answer");
        assertEquals(truth.spokes().size(), fromFirst.path("gateways").size(), "one row per spoke");

        long performanceCalls = pipeline.simulator.stats().calls(Stats.PERFORMANCE);
        assertTrue(performanceCalls < 1_000, "the backfill used coarse slices (30 days of 1-minute slices would take "
                + "43 200 requests), made " + performanceCalls);
        assertTrue(pipeline.ingest().stats().bisections.get() > 0, "the reboot inside a coarse slice was bisected");
    }

    @Test
    @DisplayName("cost.spoke-hours (read_committed, latest per spoke and hour): every account's month costs what its bytes cost "
            + "priced at once, and what the ground truth's hourly egress costs, within 0.1 %; some month leaves its free allowance")
    void costMatchesPricedGroundTruth() {
        Map<String, SpokeHourCost> latest = CostCheck.assertPricedLikeTruth(pipeline.kafka.bootstrapServers(),
                pipeline.registry.url(), pipeline.simulator);
        Map<String, java.util.Set<Integer>> tiers = new TreeMap<>();
        latest.values().forEach(c -> tiers.computeIfAbsent(CostCheck.ladder(c), k -> new java.util.TreeSet<>()).add(c.getTier()));
        assertTrue(tiers.values().stream().anyMatch(t -> t.contains(0) && t.contains(1)),
                "some account's month leaves its free allowance for the first tier: " + tiers);
    }

    @Test
    @DisplayName("GET /api/v1/cost over last month and over 7 settled days equals the latest cost.spoke-hours records summed, "
            + "exactly, from either instance; groups add up to the aggregate; a period ending now is incomplete; bad parameters are named")
    void costAnswersSumTheTopic() {
        CostCheck.assertPricedLikeTruth(pipeline.kafka.bootstrapServers(), pipeline.registry.url(), pipeline.simulator);
        java.time.YearMonth lastMonth = java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(1);
        Instant monthStart = lastMonth.atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        Instant monthEnd = lastMonth.plusMonths(1).atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        // Hours close 6 h after they end: 12 h back, every hour is priced and no new record changes them.
        Instant settled = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofHours(12));
        Instant weekStart = settled.minus(Duration.ofDays(7));
        String month = "/api/v1/cost?month=" + lastMonth.getMonthValue() + "&year=" + lastMonth.getYear();
        String week = "/api/v1/cost?from=" + weekStart + "&to=" + settled;
        String[] problem = {null};
        PipelineHarness.await(() -> {
            Map<String, SpokeHourCost> latest = CostCheck.read(pipeline.kafka.bootstrapServers(), pipeline.registry.url());
            PipelineHarness.Reply m = pipeline.get(first, month);
            PipelineHarness.Reply w = pipeline.get(second, week);
            problem[0] = m.status() != 200 ? m.text() : w.status() != 200 ? w.text()
                    : CostCheck.costAnswerDiffers(m.body(), latest, monthStart, monthEnd);
            if (problem[0] == null) {
                problem[0] = CostCheck.costAnswerDiffers(w.body(), latest, weekStart, settled);
            }
            return problem[0] == null;
        }, Duration.ofMinutes(1), () -> "the cost answers do not sum the records: " + problem[0]);

        PipelineHarness.Reply m1 = pipeline.get(first, month);
        PipelineHarness.Reply m2 = pipeline.get(second, month);
        assertEquals(m1.body(), m2.body(), "either instance gives the same answer");
        assertTrue(m1.body().path("gateways").size() >= 13, m1.text());
        assertEquals("PT1H", m1.body().path("resolution").asText());
        if (Instant.now().isAfter(monthEnd.plus(Duration.ofHours(7)))) {
            assertTrue(m1.body().path("complete").asBoolean(), "last month is priced to its end: " + m1.text());
            assertEquals(m1.body().path("aggregate").path("usd").asText(), m1.body().path("month_to_date").path("usd").asText());
        }
        assertTrue(m1.body().path("tiers").size() >= 4, "a tier standing per account: " + m1.body().path("tiers"));
        List<String> notPriced = new ArrayList<>();
        m1.body().path("not_priced").forEach(n -> notPriced.add(n.path("traffic_class").asText()));
        assertEquals(List.of("inter_region", "inter_az", "nat"), notPriced);

        PipelineHarness.Reply w = pipeline.get(first, week);
        assertTrue(w.body().path("complete").asBoolean(), "7 settled days are complete: " + w.text());
        assertEquals(7, w.body().path("forecast").path("basis_days").asInt(), w.body().path("forecast").toString());
        for (String groupBy : java.util.List.of("account", "cloud", "cost_center")) {
            PipelineHarness.Reply g = pipeline.get(second, week + "&group_by=" + groupBy);
            assertEquals(200, g.status(), g.text());
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (JsonNode group : g.body().path("groups")) {
                sum = sum.add(new java.math.BigDecimal(group.path("usd").asText()));
            }
            assertEquals(0, sum.compareTo(new java.math.BigDecimal(g.body().path("aggregate").path("usd").asText())),
                    groupBy + ": the groups add up to the aggregate: " + g.text());
        }
        PipelineHarness.Reply one = pipeline.get(first, week + "&gateway=operations-aws-spoke-k8s");
        assertEquals(1, one.body().path("gateways").size(), one.text());
        JsonNode inAll = null;
        for (JsonNode g : w.body().path("gateways")) {
            if (g.path("gateway").asText().equals("operations-aws-spoke-k8s")) {
                inAll = g;
            }
        }
        assertEquals(inAll, one.body().path("gateways").get(0), "one gateway's row is its row in the all-spokes answer");

        PipelineHarness.Reply now = pipeline.get(second, "/api/v1/cost?days=7");
        assertEquals(200, now.status(), now.text());
        assertFalse(now.body().path("complete").asBoolean(), "the last hours are not priced yet: " + now.text());
        assertTrue(Instant.parse(now.body().path("priced_until").asText()).isBefore(Instant.parse(now.body().path("period_end").asText())));

        PipelineHarness.Reply center = pipeline.get(first, "/api/v1/cost?days=7&cost_center=nope");
        assertEquals(400, center.status(), center.text());
        assertEquals("cost_center", center.body().path("parameter").asText());
        PipelineHarness.Reply bad = pipeline.get(second, "/api/v1/cost?days=7&group_by=spoke");
        assertEquals(400, bad.status(), bad.text());
        assertEquals("group_by", bad.body().path("parameter").asText());
    }

    @Test
    @DisplayName("a days=30 query covers every spoke and is within 0.1 % of ground truth for the period it reports")
    void daysQueryMatchesGroundTruthOfItsPeriod() {
        PipelineHarness.Reply reply = pipeline.get(first, "/api/v1/bandwidth?days=30");
        assertEquals(200, reply.status(), reply.text());
        Instant start = Instant.parse(reply.body().path("period_start").asText());
        Instant end = Instant.parse(reply.body().path("period_end").asText());
        assertEquals(30, reply.body().path("period_days").asInt());
        GroundTruth truth = pipeline.simulator.truth(start, end);
        double worst = PipelineHarness.worstRelativeError(reply.body(), truth);
        System.out.printf("days=30 (%s..%s): largest relative error %.6f%%%n", start, end, worst * 100);
        assertTrue(worst <= PipelineHarness.TOLERANCE, "largest relative error " + worst + " in " + reply.text());
        JsonNode silent = PipelineHarness.bySpoke(reply.body()).get("engineering-aws-spoke-qa");
        assertTrue(silent != null, "the spoke without metrics is listed");
        assertFalse(silent.path("has_metrics").asBoolean(true), "and says it has no metrics: " + silent);
        assertTrue(PipelineHarness.bySpoke(reply.body()).get("operations-aws-spoke-k8s").path("has_metrics").asBoolean(),
                "a spoke with readings has metrics");
        assertTrue(reply.body().path("complete").asBoolean(), "caught up: " + reply.text());
    }

    @Test
    @DisplayName("a one-spoke query gives the same answer from either instance, with the gateway's attributes")
    void oneSpokeQueryIsTheSameFromEitherInstance() {
        String query = "/api/v1/bandwidth?gateway=operations-aws-spoke-k8s&from=" + backfillStart + "&to=" + until;
        PipelineHarness.Reply one = pipeline.get(first, query);
        PipelineHarness.Reply two = pipeline.get(second, query);
        assertEquals(200, one.status(), one.text());
        assertEquals(one.body(), two.body());
        JsonNode row = one.body().path("gateways").get(0);
        assertEquals("operations-aws", row.path("account_name").asText());
        assertEquals("vpc-03bca47bf62b22bf3~~operations-aws-spoke-k8s", row.path("vpc_id").asText());
        assertEquals("operations-aws-spoke-k8s", row.path("vpc_name").asText());
        PipelineHarness.assertClose("rebooted spoke egress_rx",
                pipeline.simulator.truth(backfillStart, until).gateway("operations-aws-spoke-k8s").egressRxBytes(),
                row.path("egress_rx_bytes").asLong());
    }

    @Test
    @DisplayName("the ingest's health endpoint tells how far it polled and what it counted")
    void ingestHealthShowsCounts() throws Exception {
        try (IngestHealthServer health = IngestHealthServer.start(pipeline.ingest(), null, new HealthEndpoint("127.0.0.1", 0))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            IngestHealthAnswer body = ApiJson.read(response.body(), IngestHealthAnswer.class);
            assertEquals("UP", body.status());
            assertTrue(body.counts().get("slices_committed") > 100, response.body());
            assertTrue(body.counts().get("gateways_without_metrics") > 0,
                    "the spoke without metrics is counted: " + response.body());
            // At least to the end of the backfill: both may be the same instant when the test runs on the hour.
            assertFalse(Instant.parse(body.polledUntil()).isBefore(until), response.body());
            assertEquals(new CopilotBadAnswers(0, 0, 0, 0, 0, 0, 0), body.badAnswers(),
                    "no bad answers from a simulator without faults: " + response.body());
        }
    }

    @Test
    @DisplayName("a bad parameter is answered 400 with JSON naming it; an unknown gateway 404")
    void badParametersAreNamed() {
        PipelineHarness.Reply bad = pipeline.get(first, "/api/v1/bandwidth?days=zero");
        assertEquals(400, bad.status());
        assertEquals("days", bad.body().path("parameter").asText(), bad.text());
        PipelineHarness.Reply unknown = pipeline.get(second, "/api/v1/bandwidth?days=1&gateway=no-such-spoke");
        assertEquals(404, unknown.status());
        assertEquals("gateway", unknown.body().path("parameter").asText(), unknown.text());
    }

    /**
     * Simulator FlowIQ → ingest (four sub-queries per spoke and slice, a size that covers every key) →
     * Kafka → two streams-app instances → REST: over 30 days, the global and per-spoke top-10
     * destinations and sources equal the simulator's ground truth (IPs, order, bytes), and group answers
     * equal the merge of their members, from either instance.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("Top talkers")
    class TopTalkers {
        private Instant from;
        private Instant to;
        private TalkerTruth truth;

        @BeforeAll
        void awaitFlowiqBackfill() {
            from = backfillStart;
            to = from.plus(PipelineHarness.BACKFILL);
            pipeline.awaitFlowiqPolledUntil(to, Duration.ofMinutes(8));
            truth = pipeline.simulator.talkerTruth(from, to);
        }

        @Test
        @DisplayName("the global top-10 destinations and sources over 30 days equal ground truth, from either instance")
        void globalTopTenEqualsTruth() {
            String query = "/api/v1/top-talkers?from=" + from + "&to=" + to + "&top=10";
            JsonNode one = awaitExact(first, query, body -> matches(body.path("destinations"), truth.topDestinations(null, 10))
                    && matches(body.path("sources"), truth.topSources(null, 10)));
            assertRanking("global destinations", truth.topDestinations(null, 10), one.path("destinations"));
            assertRanking("global sources", truth.topSources(null, 10), one.path("sources"));
            assertEquals("global", one.path("mode").asText());
            assertEquals(one, pipeline.get(second, query).body(), "both instances give the same answer");
        }

        @Test
        @DisplayName("each spoke's top-10 destinations and sources equal ground truth")
        void perSpokeTopTenEqualsTruth() {
            String query = "/api/v1/top-talkers?from=" + from + "&to=" + to + "&top=10&per_spoke=true";
            JsonNode answer = awaitExact(second, query, body -> {
                for (JsonNode spoke : body.path("gateways")) {
                    String gw = spoke.path("gateway").asText();
                    if (!matches(spoke.path("destinations"), truth.topDestinations(gw, 10))
                            || !matches(spoke.path("sources"), truth.topSources(gw, 10))) {
                        return false;
                    }
                }
                return body.path("gateways").size() > 0;
            });
            int checked = 0;
            for (JsonNode spoke : answer.path("gateways")) {
                String gw = spoke.path("gateway").asText();
                assertRanking(gw + " destinations", truth.topDestinations(gw, 10), spoke.path("destinations"));
                assertRanking(gw + " sources", truth.topSources(gw, 10), spoke.path("sources"));
                checked++;
            }
            assertTrue(checked >= 13, "every spoke with flows is listed, got " + checked);
            assertEquals(answer, pipeline.get(first, query).body(), "both instances give the same answer");
        }

        @Test
        @DisplayName("a group's ranking equals the merge of its members' ground truth")
        void groupEqualsMergeOfMembers() {
            String query = "/api/v1/top-talkers?from=" + from + "&to=" + to + "&top=10&per_spoke=true&group_by=cloud";
            JsonNode answer = pipeline.get(first, query).body();
            assertTrue(answer.path("groups").size() >= 4, answer.toString());
            for (JsonNode group : answer.path("groups")) {
                Map<String, Long> destinations = new HashMap<>();
                Map<String, Long> sources = new HashMap<>();
                for (JsonNode member : group.path("gateways")) {
                    truth.destinations(member.asText()).forEach((ip, b) -> destinations.merge(ip, b, Long::sum));
                    truth.sources(member.asText()).forEach((ip, b) -> sources.merge(ip, b, Long::sum));
                }
                String name = group.path("name").asText();
                assertRanking(name + " destinations", TalkerTruth.rank(destinations, 10), group.path("destinations"));
                assertRanking(name + " sources", TalkerTruth.rank(sources, 10), group.path("sources"));
            }
            assertEquals(answer, pipeline.get(second, query).body(), "both instances give the same answer");
        }

        @Test
        @DisplayName("hour-aligned periods are answered at the grain the data was stored at, and exactly over the period covered")
        void periodsAtTheStatedResolution() {
            Instant hourlyFrom = io.egressmon.ingest.flowiq.FlowiqSlice.hourlyFrom(Instant.now(), Duration.ofDays(2));
            // Inside the hourly part (the last two days): the hours as asked.
            Instant recentFrom = to.minus(Duration.ofHours(30));
            assertTrue(!recentFrom.isBefore(hourlyFrom), recentFrom + " lies in the hourly part from " + hourlyFrom);
            // Cutting a day slice: the edge moves to the day, and the answer says so.
            Instant oldFrom = from.plus(Duration.ofDays(3)).plus(Duration.ofHours(7));
            Instant oldTo = from.plus(Duration.ofDays(9)).plus(Duration.ofHours(5));
            record Case(Instant from, Instant to, String resolution) {
            }
            for (Case c : List.of(new Case(recentFrom, to.minus(Duration.ofHours(2)), "PT1H"), new Case(oldFrom, oldTo, "P1D"))) {
                String query = "/api/v1/top-talkers?from=" + c.from() + "&to=" + c.to() + "&top=10";
                JsonNode body = pipeline.get(first, query).body();
                assertEquals(c.resolution(), body.path("resolution").asText(), body.toString());
                Instant start = Instant.parse(body.path("period_start").asText());
                Instant end = Instant.parse(body.path("period_end").asText());
                Duration grain = Duration.parse(c.resolution());
                assertEquals(0, start.toEpochMilli() % grain.toMillis(), "covered start on the stated grid: " + start);
                assertEquals(0, end.toEpochMilli() % grain.toMillis(), "covered end on the stated grid: " + end);
                assertEquals(!start.equals(c.from()) || !end.equals(c.to()), body.has("requested_start"), body.toString());
                TalkerTruth covered = pipeline.simulator.talkerTruth(start, end);
                assertRanking(c + " destinations", covered.topDestinations(null, 10), body.path("destinations"));
                assertRanking(c + " sources", covered.topSources(null, 10), body.path("sources"));
                assertTrue(body.path("complete").asBoolean(), body.toString());
            }
        }

        @Test
        @DisplayName("CGNAT, east-west and RFC1918 peers are never destinations; public look-alikes are")
        void classificationHoldsEndToEnd() {
            JsonNode answer = pipeline.get(first, "/api/v1/top-talkers?from=" + from + "&to=" + to
                    + "&top=1000&per_spoke=true").body();
            List<String> destinations = new ArrayList<>();
            answer.path("gateways").forEach(g -> g.path("destinations").forEach(r -> destinations.add(r.path("ip").asText())));
            assertFalse(destinations.isEmpty());
            for (String ip : destinations) {
                assertEquals(io.egressmon.schemas.IpClass.PUBLIC, io.egressmon.schemas.IpClass.of(ip), ip + " is not public");
            }
            assertTrue(destinations.contains("172.32.0.1") || destinations.contains("100.128.0.1")
                    || destinations.contains("192.169.0.1"), "public look-alikes are destinations");
        }

        private JsonNode awaitExact(StreamsApp app, String query, java.util.function.Predicate<JsonNode> exact) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            PipelineHarness.Reply reply;
            do {
                reply = pipeline.get(app, query);
                if (reply.status() == 200 && exact.test(reply.body())) {
                    break;
                }
                PipelineHarness.sleep(Duration.ofSeconds(2));
            } while (System.nanoTime() < deadline);
            PipelineHarness.Reply last = reply;
            assertEquals(200, last.status(), () -> last.text());
            return last.body();
        }

        private static boolean matches(JsonNode rows, List<TalkerTruth.Ranked> expected) {
            if (rows.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                JsonNode row = rows.get(i);
                if (!row.path("ip").asText().equals(expected.get(i).ip()) || row.path("bytes").asLong() != expected.get(i).bytes()) {
                    return false;
                }
            }
            return true;
        }

        private static void assertRanking(String what, List<TalkerTruth.Ranked> expected, JsonNode rows) {
            List<String> want = expected.stream().map(r -> r.rank() + ". " + r.ip() + " " + r.bytes()).toList();
            List<String> got = new ArrayList<>();
            rows.forEach(r -> got.add(r.path("rank").asInt() + ". " + r.path("ip").asText() + " " + r.path("bytes").asLong()));
            assertEquals(want, got, what);
        }
    }
}
