package io.egressmon.streams.cost;

import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeHourCost;
import io.egressmon.schemas.Topic;
import io.egressmon.streams.StreamsTopics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The cost part of the topology: the final hourly windows of the bandwidth part, collected per
 * billing account ({@link BillingKey}) and commit ({@link HourBatcher}), sent through the repartition
 * topic {@code <application id>-cost-by-account-repartition}, priced by {@link CostProcessor} and
 * written to {@code cost.spoke-hours}.
 */
public final class CostTopology {
    static final String BATCHER = "cost-batch-by-account";
    static final String BY_ACCOUNT = "cost-by-account";
    static final String PRICER = "cost-ledgers";
    static final String SINK = "cost-spoke-hours-sink";

    private CostTopology() {
    }

    /** Adds the cost part after {@code windows} (the bandwidth part's final windows, keyed by gateway). */
    public static void addTo(KStream<String, SpokeBandwidthWindow> windows, Topic<String, SpokeHourCost> costTopic,
                             CostSettings settings, CostStats stats) {
        windows.process(HourBatcher.supplier(stats), Named.as(BATCHER))
                .repartition(Repartitioned.<String, List<HourEgress>>as(BY_ACCOUNT)
                        .withKeySerde(Serdes.String()).withValueSerde(HourEgress.batchSerde()))
                .process(CostProcessor.supplier(settings.prices(), stats), Named.as(PRICER))
                .to(costTopic.name(), StreamsTopics.produced(costTopic, SINK));
    }

    /** The repartition topic the hours go through to be priced, for {@code applicationId}. */
    public static String byAccountTopic(String applicationId) {
        return applicationId + "-" + BY_ACCOUNT + "-repartition";
    }
}
