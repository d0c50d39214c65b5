package io.egressmon.api.bandwidth;

import io.egressmon.api.Fixtures;
import io.egressmon.api.GatewayAttributes;
import io.egressmon.api.GroupBy;
import java.util.List;

/** Bandwidth test data: the sample answers and small builders. */
final class BandwidthSamples {
    /** The real sample report of 14 spokes over 7 days. */
    static final String CSV = "bandwidth/spoke_bandwidth_7d.csv";
    /** What the API answers for the sample's spokes, ungrouped and grouped by cloud. */
    static final String ANSWER = "bandwidth/api_bandwidth_7d.json";
    static final String ANSWER_BY_CLOUD = "bandwidth/api_bandwidth_7d_by_cloud.json";

    private BandwidthSamples() {
    }

    static BandwidthAnswer answer() {
        return Fixtures.read(ANSWER, BandwidthAnswer.class);
    }

    /** An answer over the sample's period. */
    static BandwidthAnswer of(List<SpokeBandwidth> spokes, GroupBy groupBy) {
        return BandwidthAnswer.of(Fixtures.SAMPLE_START, Fixtures.SAMPLE_END, 7, spokes, groupBy,
                new io.egressmon.api.Covered(null, null, "PT1H", true, Fixtures.SAMPLE_END));
    }

    /** A spoke with these figures; its eth0 carried the egress and both tunnel directions, as the original's formula has it. */
    static SpokeBandwidth spoke(GatewayAttributes attributes, long internalRx, long internalTx, long egressRx, long egressTx) {
        long tunnels = internalRx + internalTx;
        return new SpokeBandwidth(attributes, List.of(), new Traffic(internalRx, internalTx, egressRx, egressTx,
                egressRx + tunnels, egressTx + tunnels, internalRx, internalTx, 0));
    }

    /** A spoke of the given cloud, its other attributes placeholders. */
    static SpokeBandwidth spoke(String name, String cloud, long internalRx, long internalTx, long egressRx, long egressTx) {
        return spoke(new GatewayAttributes(name, "acct", "vpc", "vpc-1", "us-east-1", cloud, "transit-1", "grp"),
                internalRx, internalTx, egressRx, egressTx);
    }
}
