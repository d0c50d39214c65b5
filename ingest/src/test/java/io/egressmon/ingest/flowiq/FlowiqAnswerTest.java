package io.egressmon.ingest.flowiq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.FlowDirection;
import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerRole;
import io.egressmon.ingest.IngestStats;
import io.egressmon.ingest.copilot.FieldAggAnswer;
import io.egressmon.ingest.copilot.FieldAggBucket;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Turning a FlowIQ answer into talker records")
class FlowiqAnswerTest {
    private static final FlowiqSlice SLICE = new FlowiqSlice(Instant.parse("2026-01-11T10:00:00Z"),
            Instant.parse("2026-01-11T10:15:00Z"));
    private final IngestStats stats = new IngestStats();

    private static FieldAggAnswer answer(int returned, FieldAggBucket... buckets) {
        return new FieldAggAnswer(List.of(buckets), returned);
    }

    private static FieldAggBucket b(String ip, long bytes) {
        return new FieldAggBucket(ip, bytes);
    }

    @Test
    @DisplayName("each key becomes one record with the spoke, the slice, the sub-query's role and direction, and source flowiq")
    void records() {
        FlowiqPoller.Answer a = FlowiqPoller.read("spoke-1", SLICE, SubQuery.INBOUND_SOURCES,
                answer(2, b("23.185.0.3", 900), b("47.91.64.21", 100)), 10, stats);
        assertEquals(List.of(
                new Talker("spoke-1", SLICE.start(), SLICE.end(), SubQuery.INBOUND_SOURCES, "23.185.0.3", 900, false),
                new Talker("spoke-1", SLICE.start(), SLICE.end(), SubQuery.INBOUND_SOURCES, "47.91.64.21", 100, false)),
                a.talkers());
        TalkerBytes avro = a.talkers().get(0).toAvro();
        assertEquals(TalkerRole.EXTERNAL, avro.getRole());
        assertEquals(FlowDirection.INBOUND, avro.getDirection());
        assertEquals("flowiq", avro.getSource());
        assertEquals(SLICE.end(), avro.getSliceEnd(), "the exclusive end, not lte");
        assertFalse(avro.getTruncated());
        assertEquals(0, stats.flowiqTruncatedSubqueries.get());
    }

    @Test
    @DisplayName("an answer with exactly size keys is truncated: every record says so and it is counted once")
    void truncated() {
        FlowiqPoller.Answer a = FlowiqPoller.read("spoke-1", SLICE, SubQuery.OUTBOUND_SOURCES,
                answer(2, b("10.2.2.100", 5), b("10.2.2.40", 4)), 2, stats);
        assertTrue(a.truncated());
        assertTrue(a.talkers().stream().allMatch(Talker::truncated));
        assertEquals(1, stats.flowiqTruncatedSubqueries.get());
    }

    @Test
    @DisplayName("unreadable keys still count towards size: 3 sent, 1 unreadable, size 3 is truncated")
    void unreadableKeysCountTowardsSize() {
        FlowiqPoller.Answer a = FlowiqPoller.read("spoke-1", SLICE, SubQuery.OUTBOUND_SOURCES,
                answer(3, b("10.2.2.100", 5), b("10.2.2.40", 4)), 3, stats);
        assertTrue(a.truncated());
        assertEquals(1, a.unreadable());
    }

    @Test
    @DisplayName("a key of the wrong class for the role (public 'internal' host, CGNAT or private peer, IPv6) is skipped and counted")
    void unexpectedAddresses() {
        FlowiqPoller.Answer internal = FlowiqPoller.read("spoke-1", SLICE, SubQuery.INBOUND_DESTINATIONS,
                answer(3, b("10.1.5.46", 30), b("8.8.8.8", 20), b("100.64.1.1", 10)), 10, stats);
        assertEquals(List.of("10.1.5.46"), internal.talkers().stream().map(Talker::ip).toList());
        assertEquals(2, internal.unexpected());
        FlowiqPoller.Answer external = FlowiqPoller.read("spoke-1", SLICE, SubQuery.OUTBOUND_DESTINATIONS,
                answer(3, b("2001:db8::1", 30), b("192.168.7.7", 20), b("216.150.1.1", 10)), 10, stats);
        assertEquals(List.of("216.150.1.1"), external.talkers().stream().map(Talker::ip).toList());
        assertEquals(4, stats.flowiqUnexpectedIps.get());
    }
}
