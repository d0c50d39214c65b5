package io.egressmon.streams.cost;

import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeHourCost;
import io.egressmon.schemas.Topic;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import io.egressmon.streams.StreamsTopics;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The cost part of the topology: the final hourly windows of the bandwidth part, keyed again by
 * {@link BillingKey} (repartition topic {@code <application id>-cost-by-account-repartition}), priced
 * by {@link CostProcessor} and written to {@code cost.spoke-hours}.
 */
public final class CostTopology {
    static final String HOURLY_FILTER = "cost-hourly-windows";
    static final String KEY_BY_ACCOUNT = "cost-key-by-account";
    static final String PRICEABLE_FILTER = "cost-priceable-windows";
    static final String BY_ACCOUNT = "cost-by-account";
    static final String PRICER = "cost-ledgers";
    static final String SINK = "cost-spoke-hours-sink";

    private CostTopology() {
    }

    /**
     * Adds the cost part after {@code windows} (the bandwidth part's final windows, keyed by gateway):
     * the hourly ones go to their account's task as {@link HourEgress}.
     */
    public static void addTo(KStream<String, SpokeBandwidthWindow> windows, Topic<String, SpokeHourCost> costTopic,
                             CostSettings settings, CostStats stats) {
        String hourly = Duration.ofHours(1).toString();
        windows.filter((gateway, w) -> w != null && hourly.equals(w.getGranularity()), Named.as(HOURLY_FILTER))
                .map((gateway, w) -> {
                    CostStats.Counter why = BillingKey.whyNot(w);
                    if (why != null) {
                        stats.increment(why);
                        return KeyValue.pair(null, null);
                    }
                    return KeyValue.pair(BillingKey.of(w).text(),
                            new HourEgress(w.getGateway(), w.getWindowStart(), Math.max(0, w.getEgressTxBytes())));
                }, Named.as(KEY_BY_ACCOUNT))
                .filter((key, egress) -> key != null, Named.as(PRICEABLE_FILTER))
                .repartition(Repartitioned.<String, HourEgress>as(BY_ACCOUNT)
                        .withKeySerde(Serdes.String()).withValueSerde(HourEgress.serde()))
                .process(CostProcessor.supplier(settings.prices(), stats), Named.as(PRICER))
                .to(costTopic.name(), StreamsTopics.produced(costTopic, SINK));
    }
}
