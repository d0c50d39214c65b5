package io.egressmon.streams.counters;

import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeDelta;
import io.egressmon.avro.SpokeTotals;
import io.egressmon.registry.AvroSerde;
import io.egressmon.registry.SchemaRegistry;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.talkers.TalkerSerdes;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * The topics and serdes of the application's topology: the bandwidth part's topics; the value serdes
 * of what it keeps internally ({@code delta} for the grouping of the deltas — they keep their key, so
 * no repartition topic is made — and {@code totals} for the window stores' changelogs and
 * suppression buffers, which Kafka Streams names after the application id, so only their value types
 * are known here); and the {@link TalkerSerdes talkers part}'s topics. Keys are plain UTF-8 gateway
 * names everywhere.
 */
public record BandwidthSerdes(Topic<String, Gateway> inventory, Topic<String, CounterSnapshot> snapshots,
                              Topic<String, SpokeBandwidthWindow> windows, Serde<SpokeDelta> delta,
                              Serde<SpokeTotals> totals, TalkerSerdes talkers) {

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
                new AvroSerde<>(SpokeDelta.class, registry),
                new AvroSerde<>(SpokeTotals.class, registry),
                TalkerSerdes.of(registry));
    }
}
