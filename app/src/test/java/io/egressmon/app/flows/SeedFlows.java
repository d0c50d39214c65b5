package io.egressmon.app.flows;

import io.egressmon.api.flows.FlowAggregation;
import io.egressmon.api.flows.FlowColumn;
import io.egressmon.api.flows.FlowRow;
import io.egressmon.api.flows.FlowSort;
import io.egressmon.api.flows.FlowsAnswer;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The seed's five flows (ovs-flowmon's README, "Aggregates") as the API would answer them, for the view tests. */
record SeedFlows() {
    static final String IP_A = "192.0.2.1";
    static final String IP_B = "198.51.100.2";
    static final String IP_C = "203.0.113.3";
    static final long WINDOW = 10;
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    /** A flow of {@code kbps} over the 10 s window. */
    static FlowRow flow(String src, String dst, int srcPort, int dstPort, int kbps) {
        return FlowRow.of("spoke-1", src, dst, srcPort, dstPort, 6, kbps * 1250L, kbps, 1, T, T.plusSeconds(9), WINDOW);
    }

    static List<FlowRow> flows() {
        return List.of(flow(IP_A, IP_B, 65432, 80, 10), flow(IP_B, IP_A, 80, 65432, 10), flow(IP_C, IP_B, 56543, 80, 5),
                flow(IP_A, IP_B, 65433, 80, 3), flow(IP_B, IP_A, 80, 65433, 3));
    }

    /** The answer over [T, T + 10 s) with {@code aggregate} wildcarded, sorted by {@code sort}. */
    static FlowsAnswer answer(Set<FlowColumn> aggregate, FlowSort sort, boolean descending, Instant coveredFrom) {
        List<FlowRow> rows = FlowAggregation.top(FlowAggregation.collapse(flows(), aggregate, WINDOW), sort, descending, 50);
        return new FlowsAnswer(FlowsAnswer.REPORT, "10s", T, T.plusSeconds(WINDOW), !coveredFrom.isAfter(T), coveredFrom,
                aggregate.stream().sorted().map(FlowColumn::key).toList(), sort.key(), descending ? "desc" : "asc", 50,
                flows().size(), rows.size(), rows);
    }
}
