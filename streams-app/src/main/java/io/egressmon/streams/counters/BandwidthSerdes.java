package io.egressmon.streams.counters;

import io.egressmon.avro.CostAlert;
import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeHourCost;
import io.egressmon.avro.SpokeTotals;
import io.egressmon.registry.AvroSerde;
import io.egressmon.registry.SchemaRegistry;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.talkers.TalkerSerdes;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * The topics and serdes of the application's topology: the bandwidth part's topics; the value serde
 * of what it keeps internally ({@code totals} for the window stores and their changelogs, which Kafka
 * Streams names after the application id, so only their value type is known here); and the
 * {@link TalkerSerdes talkers part}'s topics; the cost part's output topic; the alerts part's. Keys are plain UTF-8 gateway names everywhere.
 */
public record BandwidthSerdes(Topic<String, Gateway> inventory, Topic<String, CounterSnapshot> snapshots,
                              Topic<String, SpokeBandwidthWindow> windows,
                              Serde<SpokeTotals> totals, TalkerSerdes talkers, Topic<String, SpokeHourCost> cost,
                              Topic<String, CostAlert> alerts) {

    /**
     * Everything bound to {@code registry}: Avro in the Confluent wire format, schemas registered
     * under {@code <topic>-value}, internal topics included.
     */
    public static BandwidthSerdes of(SchemaRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return new BandwidthSerdes(
                Topics.INVENTORY.bind(registry),
                Topics.COUNTER_SNAPSHOTS.bind(registry),
                Topics.SPOKE_WINDOWS.bind(registry),
                new AvroSerde<>(SpokeTotals.class, registry),
                TalkerSerdes.of(registry),
                Topics.COST_SPOKE_HOURS.bind(registry),
                Topics.ALERTS.bind(registry));
    }
}
