package io.egressmon.copilot.sim.flowiq;

import io.egressmon.avro.FlowDirection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.copilot.sim.flowiq.FieldAgg.Bucket;
import io.egressmon.schemas.IpClass;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("field_agg")
class FieldAggTest {

    private static final Instant ANCHOR = FlowEstateTest.ANCHOR;
    private static final Instant NOW = FlowEstateTest.NOW;
    private static final FlowEstate FLOWS = FlowEstateTest.FLOWS;
    private static final FieldAgg AGG = new FieldAgg(FLOWS);

    private static Map<String, Long> totals(FlowField field, String query, Instant gte, Instant lte) {
        return AGG.totals(field, LuceneQuery.parse(query), gte, lte, NOW);
    }

    /** The script's four sub-queries, merged into external and internal bytes by IP. */
    private static Map<String, Long>[] fourSubQueries(String gateway, Instant from, Instant to) {
        String out = gateway == null ? OriginalQueries.OUTBOUND : OriginalQueries.forGateway(OriginalQueries.OUTBOUND, gateway);
        String in = gateway == null ? OriginalQueries.INBOUND : OriginalQueries.forGateway(OriginalQueries.INBOUND, gateway);
        Instant lte = to.minusMillis(1);
        Map<String, Long> external = new HashMap<>(totals(FlowField.DST_ADDR, out, from, lte));
        totals(FlowField.SRC_ADDR, in, from, lte).forEach((ip, b) -> external.merge(ip, b, Long::sum));
        Map<String, Long> internal = new HashMap<>(totals(FlowField.SRC_ADDR, out, from, lte));
        totals(FlowField.DST_ADDR, in, from, lte).forEach((ip, b) -> internal.merge(ip, b, Long::sum));
        @SuppressWarnings("unchecked")
        Map<String, Long>[] both = new Map[] {external, internal};
        return both;
    }

    @Nested
    @DisplayName("summed over the original script's four sub-queries with gte = from and lte = to − 1 ms")
    class AgainstTruth {

        /** Across the rebooted spoke's downtime, with edges that are not whole minutes. */
        private final Instant from = FlowEstateTest.FLOWS.estate().reboot().down().minus(Duration.ofDays(2)).plusSeconds(13);
        private final Instant to = ANCHOR.minus(Duration.ofHours(3)).plusMillis(20_500);
        private final TalkerTruth truth = FLOWS.truth(from, to, NOW);

        @Test
        @DisplayName("equals the ground truth of every spoke exactly")
        void perSpoke() {
            for (String spoke : FLOWS.spokes()) {
                Map<String, Long>[] answer = fourSubQueries(spoke, from, to);
                assertEquals(truth.destinations(spoke), answer[0], spoke);
                assertEquals(truth.sources(spoke), answer[1], spoke);
            }
        }

        @Test
        @DisplayName("equals the ground truth of the whole estate exactly, with no gateway filter")
        void global() {
            Map<String, Long>[] answer = fourSubQueries(null, from, to);
            assertEquals(truth.destinations(null), answer[0]);
            assertEquals(truth.sources(null), answer[1]);
        }

        @Test
        @DisplayName("adds up over adjacent slices to the whole period")
        void slices() {
            Map<String, Long> sum = new HashMap<>();
            Instant a = ANCHOR.minus(Duration.ofHours(6));
            for (int slice = 0; slice < 24; slice++) {
                Instant start = a.plus(Duration.ofMinutes(15L * slice));
                fourSubQueries(FlowEstate.OPS_AWS_K8S, start, start.plus(Duration.ofMinutes(15)))[0]
                        .forEach((ip, b) -> sum.merge(ip, b, Long::sum));
            }
            assertEquals(FLOWS.truth(a, ANCHOR, NOW).destinations(FlowEstate.OPS_AWS_K8S), sum);
        }
    }

    @Test
    @DisplayName("counts the records at gte and at lte: the range is inclusive")
    void inclusive() {
        Instant m = ANCHOR.minus(Duration.ofHours(2));
        String query = OriginalQueries.forGateway(OriginalQueries.OUTBOUND, FlowEstate.MARKETING);
        Map<String, Long> one = totals(FlowField.DST_ADDR, query, m, m);
        Map<String, Long> two = totals(FlowField.DST_ADDR, query, m, m.plusSeconds(60));
        assertFalse(one.isEmpty());
        assertTrue(two.get("23.185.0.3") > one.get("23.185.0.3"));
        assertEquals(Map.of(), totals(FlowField.DST_ADDR, query, m.plusMillis(1), m.plusSeconds(59)));
    }

    @Test
    @DisplayName("equals adding up each matching record minute by minute")
    void bruteForce() {
        Instant gte = ANCHOR.minus(Duration.ofMinutes(95));
        Instant lte = ANCHOR.minus(Duration.ofMinutes(5));
        LuceneQuery query = LuceneQuery.parse(OriginalQueries.INBOUND + " AND netflow.protocol:tcp");
        Map<String, Long> expected = new HashMap<>();
        for (String spoke : List.of(FlowEstate.MARKETING, "enterprise-data-gcp-spoke-qa")) {
            for (Conversation c : FLOWS.conversations(spoke)) {
                for (FlowDirection direction : FlowDirection.values()) {
                    if (query.matches(c.record(direction))) {
                        for (Instant m = gte; !m.isAfter(lte); m = m.plusSeconds(60)) {
                            long bytes = FLOWS.recordBytes(c, direction, m, NOW).orElse(0);
                            if (bytes > 0) {
                                expected.merge(c.record(direction).dstAddr(), bytes, Long::sum);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(expected, AGG.totals(FlowField.DST_ADDR, LuceneQuery.parse("(" + query.text()
                + ") AND netflow.gw_name:(\"" + FlowEstate.MARKETING + "\" OR \"enterprise-data-gcp-spoke-qa\")"), gte, lte, NOW));
    }

    @Test
    @DisplayName("answers the biggest size keys, by value descending then key ascending")
    void sortedAndCut() {
        Instant gte = ANCHOR.minus(Duration.ofDays(1));
        Instant lte = ANCHOR.minusMillis(1);
        LuceneQuery query = LuceneQuery.parse(OriginalQueries.forGateway(OriginalQueries.OUTBOUND, FlowEstate.MARKETING));
        List<Bucket> top = AGG.run(new FieldAggRequest(FlowField.DST_ADDR, query, gte, lte, 7), NOW);
        Map<String, Long> all = AGG.totals(FlowField.DST_ADDR, query, gte, lte, NOW);
        assertEquals(7, top.size());
        assertEquals(TalkerTruth.rank(all, 7).stream().map(r -> new Bucket(r.ip(), r.bytes())).toList(), top);
        List<Bucket> everything = AGG.run(new FieldAggRequest(FlowField.DST_ADDR, query, gte, lte, 100_000), NOW);
        assertEquals(all.size(), everything.size());
        for (int i = 1; i < everything.size(); i++) {
            Bucket a = everything.get(i - 1);
            Bucket b = everything.get(i);
            assertTrue(a.value() > b.value() || a.value() == b.value() && a.key().compareTo(b.key()) < 0, a + " " + b);
        }
    }

    @Test
    @DisplayName("aggregates any field: the gateway name gives each spoke's bytes")
    void otherFields() {
        Instant gte = ANCHOR.minus(Duration.ofDays(1));
        Instant lte = ANCHOR.minusMillis(1);
        Map<String, Long> byGateway = totals(FlowField.GW_NAME, "*", gte, lte);
        assertEquals(FLOWS.spokes().size(), byGateway.size());
        Map<String, Long> byPort = totals(FlowField.DST_PORT, "netflow.protocol:udp", gte, lte);
        assertTrue(byPort.containsKey("53"), byPort.toString());
        byPort.keySet().forEach(port -> assertTrue(port.matches("\\d+"), port));
    }

    @Test
    @DisplayName("gives the same answer whether the gateway term lets it skip other spokes or not")
    void pinning() {
        Instant gte = ANCHOR.minus(Duration.ofDays(3));
        Instant lte = ANCHOR.minusMillis(1);
        String gateway = "netflow.gw_name:\"" + FlowEstate.OPS_AZURE_K8S + "\"";
        assertEquals(totals(FlowField.SRC_ADDR, OriginalQueries.OUTBOUND + " AND " + gateway, gte, lte),
                totals(FlowField.SRC_ADDR, OriginalQueries.OUTBOUND + " AND NOT NOT " + gateway, gte, lte));
        assertEquals(Map.of(), totals(FlowField.SRC_ADDR, "netflow.gw_name:\"transit-aws-us-east-1\"", gte, lte));
    }

    @Test
    @DisplayName("does the same work for 30 days as for an hour: closed-form sums per conversation, not per minute")
    void workIndependentOfRange() {
        LuceneQuery query = LuceneQuery.parse(OriginalQueries.OUTBOUND);
        long before = AGG.closedFormSums();
        AGG.totals(FlowField.DST_ADDR, query, ANCHOR.minus(Duration.ofHours(1)), ANCHOR.minusMillis(1), NOW);
        long hour = AGG.closedFormSums() - before;
        before = AGG.closedFormSums();
        AGG.totals(FlowField.DST_ADDR, query, ANCHOR.minus(Duration.ofDays(30)), ANCHOR.minusMillis(1), NOW);
        long month = AGG.closedFormSums() - before;
        assertTrue(hour > 1000, "an hour looked at " + hour + " conversation directions");
        assertEquals(hour, month);
    }

    @Test
    @DisplayName("lists look-alike public IPs as destinations, and CGNAT or east-west peers only when unfiltered")
    void boundary() {
        Instant gte = ANCHOR.minus(Duration.ofDays(7));
        Instant lte = ANCHOR.minusMillis(1);
        Map<String, Long> outboundDestinations = totals(FlowField.DST_ADDR, OriginalQueries.OUTBOUND, gte, lte);
        Map<String, Long> inboundSources = totals(FlowField.SRC_ADDR, OriginalQueries.INBOUND, gte, lte);
        for (String lookAlike : FlowEstate.LOOK_ALIKES) {
            assertTrue(outboundDestinations.containsKey(lookAlike), lookAlike);
            assertTrue(inboundSources.containsKey(lookAlike), lookAlike);
        }
        outboundDestinations.keySet().forEach(ip -> assertEquals(IpClass.PUBLIC, IpClass.of(ip), ip));
        inboundSources.keySet().forEach(ip -> assertEquals(IpClass.PUBLIC, IpClass.of(ip), ip));
        Map<String, Long> unfiltered = totals(FlowField.DST_ADDR, "", gte, lte);
        assertTrue(unfiltered.containsKey("100.64.0.1"));
        assertTrue(unfiltered.containsKey("10.1.5.46"), "marketing's east-west peer on the k8s spoke");
    }

    @Nested
    @DisplayName("takes its parameters")
    class Parameters {

        private Map<String, String> params(String... pairs) {
            Map<String, String> map = new HashMap<>(Map.of("field", "netflow.dst_addr", "metric", "bytes",
                    "query_string", OriginalQueries.OUTBOUND, "date_range[gte]", "2026-01-12T00:00:00.000Z",
                    "date_range[lte]", "2026-02-10T23:59:59.999Z", "date_range[time_zone]", "-05:00", "interval", "1d"));
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i + 1] == null) {
                    map.remove(pairs[i]);
                } else {
                    map.put(pairs[i], pairs[i + 1]);
                }
            }
            return map;
        }

        private FieldAggRequest parse(String... pairs) {
            return FieldAggRequest.parse(params(pairs)::get);
        }

        private String refused(String... pairs) {
            return assertThrows(IllegalArgumentException.class, () -> parse(pairs)).getMessage();
        }

        @Test
        @DisplayName("as the script sends them, with size 10 when it is left out")
        void scriptParameters() {
            FieldAggRequest request = parse();
            assertEquals(FlowField.DST_ADDR, request.field());
            assertEquals(Instant.parse("2026-01-12T00:00:00Z"), request.gte());
            assertEquals(Instant.parse("2026-02-10T23:59:59.999Z"), request.lte());
            assertEquals(10, request.size());
            assertEquals(30, parse("size", "30").size());
            assertEquals(LuceneQuery.parse(OriginalQueries.OUTBOUND), request.query());
            assertEquals(LuceneQuery.matchAll(), parse("query_string", null).query());
        }

        @Test
        @DisplayName("reading a timestamp without an offset in date_range[time_zone], and with one as it says")
        void timeZone() {
            assertEquals(Instant.parse("2026-01-12T05:00:00Z"), parse("date_range[gte]", "2026-01-12T00:00:00").gte());
            assertEquals(Instant.parse("2026-01-12T00:00:00Z"), parse("date_range[gte]", "2026-01-12T00:00:00Z").gte());
            assertEquals(Instant.parse("2026-01-12T01:00:00Z"), parse("date_range[gte]", "2026-01-12T02:00:00+01:00").gte());
            assertTrue(refused("date_range[time_zone]", "Mars/Olympus").contains("date_range[time_zone]"));
        }

        @Test
        @DisplayName("refusing a size outside 1..100000, naming it")
        void size() {
            for (String bad : new String[] {"0", "-1", "100001", "ten", ""}) {
                String message = refused("size", bad);
                assertTrue(message.startsWith("size must be an integer within 1..100000"), message);
            }
            assertEquals(100_000, parse("size", "100000").size());
        }

        @Test
        @DisplayName("refusing other metrics, unknown fields, missing or inverted dates, naming the parameter")
        void others() {
            assertTrue(refused("metric", "packets").startsWith("metric"));
            assertTrue(refused("field", "netflow.bytes").startsWith("field must be one of"));
            assertTrue(refused("field", null).startsWith("field is required"));
            assertTrue(refused("date_range[gte]", null).startsWith("date_range[gte] is required"));
            assertTrue(refused("date_range[lte]", "yesterday").startsWith("date_range[lte] must be an ISO-8601"));
            assertTrue(refused("date_range[gte]", "2026-03-01T00:00:00Z").contains("is after date_range[lte]"));
            assertThrows(LuceneSyntaxException.class, () -> parse("query_string", "netflow.src_addr:("));
        }
    }
}
