package io.egressmon.streams.query;

import static io.egressmon.streams.query.WindowTable.eth0Rx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.ApiJson;
import io.egressmon.api.Unavailable;
import io.egressmon.api.bandwidth.BandwidthPartial;
import io.egressmon.api.bandwidth.GatewayPeriod;
import io.egressmon.api.bandwidth.RawTotals;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Merging a fan-out's partial answers")
class PartitionCoverageTest {

    private static BandwidthPartial answer(String host, Set<Integer> partitions, Map<String, RawTotals> totals) {
        return new BandwidthPartial(host, partitions, periods(totals));
    }

    static Map<String, GatewayPeriod> periods(Map<String, RawTotals> totals) {
        return periods(totals, null);
    }

    /** Exact totals with windows, every gateway read up to {@code until} (null: unknown). */
    static Map<String, GatewayPeriod> periods(Map<String, RawTotals> totals, java.time.Instant until) {
        Map<String, GatewayPeriod> out = new java.util.TreeMap<>();
        totals.forEach((g, t) -> out.put(g, new GatewayPeriod(t, 0, until, true)));
        return out;
    }

    @Test
    @DisplayName("answers that cover every partition exactly once are merged per gateway")
    void complete() {
        Map<String, GatewayPeriod> merged = PartitionCoverage.merge(4, List.of(
                answer("a", Set.of(0, 2), Map.of("spoke-1", eth0Rx(5), "spoke-2", eth0Rx(7))),
                answer("b", Set.of(1, 3), Map.of("spoke-3", eth0Rx(11)))));
        assertEquals(periods(Map.of("spoke-1", eth0Rx(5), "spoke-2", eth0Rx(7), "spoke-3", eth0Rx(11))), merged);
    }

    @Test
    @DisplayName("a missing partition makes the whole answer unavailable, naming the partition")
    void missing() {
        Unavailable e = assertThrows(Unavailable.class, () -> PartitionCoverage.merge(4, List.of(
                answer("a", Set.of(0, 2), Map.of()), answer("b", Set.of(1), Map.of()))));
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
    }

    @Test
    @DisplayName("a partition answered twice (an ownership change in flight) is unavailable, never counted twice")
    void doubled() {
        Unavailable e = assertThrows(Unavailable.class, () -> PartitionCoverage.merge(2, List.of(
                answer("a", Set.of(0, 1), Map.of("spoke-1", eth0Rx(5))), answer("b", Set.of(1), Map.of("spoke-1", eth0Rx(5))))));
        assertTrue(e.getMessage().contains("partition 1 answered by 2"), e.getMessage());
    }

    @Test
    @DisplayName("a partition that does not exist is refused too")
    void unknownPartition() {
        Unavailable e = assertThrows(Unavailable.class, () -> PartitionCoverage.check(2, List.of(
                answer("a", Set.of(0, 1, 2), Map.of()))));
        assertTrue(e.getMessage().contains("partition 2 does not exist"), e.getMessage());
    }

    @Test
    @DisplayName("no answers at all (nobody owns anything yet) is unavailable")
    void nobody() {
        assertThrows(Unavailable.class, () -> PartitionCoverage.merge(6, List.of()));
    }

    @Test
    @DisplayName("a partial answer survives its JSON round trip between instances")
    void jsonRoundTrip() {
        BandwidthPartial a = answer("http://127.0.0.1:1", Set.of(0, 5), Map.of("spoke-1", new RawTotals(1, 2, 3, 4, 5),
                "spoke-2", new RawTotals(Long.MAX_VALUE / 3, 0, 0, 0, 0)));
        assertEquals(a, ApiJson.read(ApiJson.write(a), BandwidthPartial.class));
    }
}
