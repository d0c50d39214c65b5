package io.egressmon.streams.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.QueryParameters;
import io.egressmon.api.flows.FlowRow;
import io.egressmon.api.flows.FlowsRequest;
import io.egressmon.avro.ExportFormat;
import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.FlowRecord;
import io.egressmon.avro.FlowTableWindow;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The live flow table store")
class FlowTableStoreTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00.400Z");
    private static final String IP_A = "192.0.2.1";
    private static final String IP_B = "198.51.100.2";
    private static final String IP_C = "203.0.113.3";

    private final FlowStats stats = new FlowStats();
    /** This host's clock, moved by the tests. */
    private final java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(START);
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private FlowTableStore store(long maxFlows) {
        FlowTableStore store = new FlowTableStore(maxFlows, new java.util.concurrent.atomic.AtomicLong(), clock, stats);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    private static FlowRecord flow(String src, String dst, int srcPort, int dstPort, int protocol, long bytes) {
        try {
            return new FlowRecord(ByteBuffer.wrap(InetAddress.getByName(src).getAddress()),
                    ByteBuffer.wrap(InetAddress.getByName(dst).getAddress()), srcPort, dstPort, protocol, bytes, bytes / 100,
                    1L, START, START.plusSeconds(5), 0L, 0, 0, 0);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static FlowBatch batch(Instant receivedAt, FlowRecord... flows) {
        return new FlowBatch("127.0.1.1", "spoke-a", ExportFormat.IPFIX, receivedAt, List.of(flows));
    }

    /** The seed's five flows at 10, 10, 5, 3 and 3 kbit/s over 10 s, received at {@code at}. */
    private static FlowBatch seed(Instant at) {
        return batch(at, flow(IP_A, IP_B, 65432, 80, 6, 12_500), flow(IP_B, IP_A, 80, 65432, 6, 12_500),
                flow(IP_C, IP_B, 76543, 80, 6, 6_250), flow(IP_A, IP_B, 65433, 80, 6, 3_750),
                flow(IP_B, IP_A, 80, 65433, 6, 3_750));
    }

    private static FlowsRequest request(Map<String, String> params) {
        return FlowsRequest.parse(QueryParameters.of(params));
    }

    private static List<String> rates(List<FlowRow> rows) {
        List<String> out = new ArrayList<>();
        rows.stream().sorted(io.egressmon.api.flows.FlowSort.RATE.comparator(true))
                .forEach(r -> out.add(r.srcAddr() + ">" + r.dstAddr() + " " + Math.round(r.rateKbps())));
        return out;
    }

    @Test
    @DisplayName("its processor punctuates only while the table holds flows: the first batch schedules it, an emptied table cancels it")
    void punctuatesWhileHoldingFlows() {
        FlowTableStore store = store(1_000);
        MockProcessorContext<String, FlowTableWindow> context = new MockProcessorContext<>();
        context.addStateStore(store);
        context.setCurrentSystemTimeMs(START.toEpochMilli());
        FlowTableProcessor processor = new FlowTableProcessor();
        processor.init(context);
        assertTrue(live(context).isEmpty(), "an idle task's punctuation makes Kafka Streams look at all its tasks more often");

        Instant received = START.plusSeconds(3);
        processor.process(new Record<>("spoke-a", seed(received), received.toEpochMilli()));
        context.setCurrentStreamTimeMs(received.toEpochMilli());
        assertEquals(1, live(context).size());
        live(context).get(0).getPunctuator().punctuate(START.plusSeconds(14).toEpochMilli());
        assertEquals(List.of("spoke-a"), context.forwarded().stream().map(f -> f.record().key()).toList(),
                "the closed window written");
        assertEquals(1, live(context).size(), "the table still holds the flows");

        now.set(START.plusSeconds(360));
        context.resetForwards();
        live(context).get(0).getPunctuator().punctuate(now.get().toEpochMilli());
        assertTrue(context.forwarded().isEmpty(), "the windows since had no flows");
        assertTrue(live(context).isEmpty(), "the flows expired: cancelled");

        // Two hours later a batch comes 5 s late: its window had settled before it came.
        long window = Math.floorDiv(START.plusSeconds(7200).toEpochMilli(), FlowTableProcessor.WINDOW) * FlowTableProcessor.WINDOW;
        received = Instant.ofEpochMilli(window + 8_000);
        now.set(received.plusSeconds(5));
        context.setCurrentSystemTimeMs(now.get().toEpochMilli());
        processor.process(new Record<>("spoke-a", seed(received), received.toEpochMilli()));
        context.setCurrentStreamTimeMs(received.toEpochMilli());
        assertEquals(1, live(context).size(), "the next batch schedules it again");
        live(context).get(0).getPunctuator().punctuate(now.get().plusSeconds(1).toEpochMilli());
        assertEquals(List.of(Instant.ofEpochMilli(window)),
                context.forwarded().stream().map(f -> f.record().value().getWindowStart()).toList(),
                "its window written though it had settled: the windows skipped while idle end at the batch's own");
    }

    private static List<MockProcessorContext.CapturedPunctuator> live(MockProcessorContext<?, ?> context) {
        return context.scheduledPunctuators().stream().filter(p -> !p.cancelled()).toList();
    }

    @Test
    @DisplayName("holds the flows received in the window, collapsed as asked: the seed's table")
    void seedTable() {
        FlowTableStore store = store(1_000);
        store.add("spoke-a", seed(START.plusSeconds(3)));
        long to = START.plusSeconds(10).toEpochMilli();
        FlowTableStore.Part part = store.part(request(Map.of("aggregate", "src_port,dst_port")), to);
        assertEquals(List.of(IP_A + ">" + IP_B + " 13", IP_B + ">" + IP_A + " 13", IP_C + ">" + IP_B + " 5"), rates(part.rows()));
        assertEquals(5, part.matchedFlows());
        part = store.part(request(Map.of("aggregate", "src_addr,src_port,dst_port")), to);
        assertEquals(List.of("null>" + IP_B + " 18", "null>" + IP_A + " 13"), rates(part.rows()));
    }

    @Test
    @DisplayName("counts a flow by the second it arrived: 20 s old flows are out of 10 s and in 1 min")
    void windows() {
        FlowTableStore store = store(1_000);
        store.add("spoke-a", seed(START.plusSeconds(1)));
        store.add("spoke-a", batch(START.plusSeconds(21), flow(IP_A, IP_B, 1, 2, 17, 1_000)));
        long to = START.plusSeconds(25).toEpochMilli();
        assertEquals(1, store.part(request(Map.of()), to).matchedFlows());
        assertEquals(6, store.part(request(Map.of("window", "1m")), to).matchedFlows());
        assertEquals(0, store.part(request(Map.of()), Instant.parse("2026-12-01T10:00:21Z").toEpochMilli()).matchedFlows(),
                "the window ends before the second it names");
    }

    @Test
    @DisplayName("filters by gateway, address or network, protocol and either port")
    void filters() {
        FlowTableStore store = store(1_000);
        store.add("spoke-a", seed(START));
        store.add("spoke-b", batch(START, flow("10.1.2.3", "8.8.8.8", 5353, 53, 17, 900)));
        long to = START.plusSeconds(5).toEpochMilli();
        assertEquals(6, store.part(request(Map.of()), to).matchedFlows());
        assertEquals(1, store.part(request(Map.of("gateway", "spoke-b")), to).matchedFlows());
        assertEquals(1, store.part(request(Map.of("src_addr", "10.0.0.0/8")), to).matchedFlows());
        assertEquals(3, store.part(request(Map.of("dst_addr", IP_B)), to).matchedFlows());
        assertEquals(1, store.part(request(Map.of("protocol", "udp")), to).matchedFlows());
        assertEquals(5, store.part(request(Map.of("port", "80")), to).matchedFlows(), "source or destination port");
        assertEquals(0, store.part(request(Map.of("exporter", "127.0.9.9")), to).matchedFlows());
    }

    @Test
    @DisplayName("past its bound drops the oldest seconds, counts them, and covers only what it kept")
    void bound() {
        FlowTableStore store = store(5);
        store.add("spoke-a", seed(START.plusSeconds(1)));
        store.add("spoke-a", batch(START.plusSeconds(2), flow(IP_A, IP_B, 1, 2, 17, 1_000)));
        long to = START.plusSeconds(5).toEpochMilli();
        FlowTableStore.Part part = store.part(request(Map.of()), to);
        assertEquals(1, part.matchedFlows(), "the second with five flows went to make room");
        assertEquals(Instant.parse("2026-12-01T10:00:02Z").toEpochMilli(), part.coveredFromMs());
        assertEquals(5, stats.get(FlowStats.Counter.FLOW_TABLE_DROPPED));
    }

    @Test
    @DisplayName("covers from the first whole second after it started, and keeps five minutes")
    void coverage() {
        FlowTableStore store = store(1_000);
        assertEquals(Instant.parse("2026-12-01T10:00:01Z").toEpochMilli(),
                store.part(request(Map.of()), START.plusSeconds(9).toEpochMilli()).coveredFromMs());
        store.add("spoke-a", seed(START.plusSeconds(1)));
        store.add("spoke-a", batch(START.plusSeconds(400), flow(IP_A, IP_B, 1, 2, 17, 1_000)));
        assertEquals(6, store.part(request(Map.of("window", "5m")), Instant.parse("2026-12-01T10:05:01Z").toEpochMilli()).matchedFlows()
                + store.part(request(Map.of("window", "5m")), Instant.parse("2026-12-01T10:06:41Z").toEpochMilli()).matchedFlows(),
                "a batch stamped 400 s ahead of this host's clock expires nothing");
        now.set(START.plusSeconds(400));
        store.add("spoke-a", batch(START.plusSeconds(400), flow(IP_A, IP_B, 1, 2, 17, 1_000)));
        assertEquals(2, store.part(request(Map.of("window", "5m")), Instant.parse("2026-12-01T10:06:41Z").toEpochMilli()).matchedFlows());
        assertEquals(0, store.part(request(Map.of("window", "5m")), Instant.parse("2026-12-01T10:05:01Z").toEpochMilli()).matchedFlows(),
                "older than five minutes by the clock: dropped");
        assertEquals(0, stats.get(FlowStats.Counter.FLOW_TABLE_DROPPED), "expiry is no loss");
        now.set(START.plusSeconds(800));
        store.expire();
        assertEquals(0, store.part(request(Map.of("window", "5m")), Instant.parse("2026-12-01T10:06:41Z").toEpochMilli()).matchedFlows(),
                "an idle table expires on the clock");
    }

    @Test
    @DisplayName("answers its interactive query, and refuses others as unknown")
    void query() {
        FlowTableStore store = store(1_000);
        store.add("spoke-a", seed(START));
        QueryResult<FlowTableStore.Part> r = store.query(new FlowTableQuery(request(Map.of()), START.plusSeconds(5).toEpochMilli()),
                PositionBound.unbounded(), new QueryConfig(false));
        assertTrue(r.isSuccess());
        assertEquals(5, r.getResult().matchedFlows());
        assertTrue(store.query(org.apache.kafka.streams.query.KeyQuery.withKey("x"), PositionBound.unbounded(),
                new QueryConfig(false)).isFailure());
    }
}
