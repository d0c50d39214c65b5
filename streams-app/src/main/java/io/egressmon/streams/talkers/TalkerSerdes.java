package io.egressmon.streams.talkers;

import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.FlowCoverage;
import io.egressmon.avro.FlowTableWindow;
import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerTopN;
import io.egressmon.registry.SchemaRegistry;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.Topics;
import java.util.Objects;

/**
 * The talkers topics with their serdes (registry Avro, like every topic): FlowIQ's talker records, the
 * final top-N, the collector's flow batches (talkers with {@code source=netflow}), their coverage, and the
 * live flow table's windows. The window stores use
 * {@link TalkerTableSerde}, which needs no registry.
 */
public record TalkerSerdes(Topic<String, TalkerBytes> talkerBytes, Topic<String, TalkerTopN> topN,
                           Topic<String, FlowBatch> flows, Topic<String, FlowCoverage> coverage,
                           Topic<String, FlowTableWindow> table) {

    public TalkerSerdes {
        Objects.requireNonNull(talkerBytes, "talker bytes topic");
        Objects.requireNonNull(topN, "top-N topic");
        Objects.requireNonNull(flows, "flows topic");
        Objects.requireNonNull(coverage, "coverage topic");
        Objects.requireNonNull(table, "flow table topic");
    }

    public static TalkerSerdes of(SchemaRegistry registry) {
        return new TalkerSerdes(Topics.TALKER_BYTES.bind(registry), Topics.TALKERS_TOP_N.bind(registry),
                Topics.FLOW_RECORDS.bind(registry), Topics.FLOW_COVERAGE.bind(registry), Topics.FLOW_TABLE.bind(registry));
    }
}
