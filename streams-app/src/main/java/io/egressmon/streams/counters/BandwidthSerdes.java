package io.egressmon.streams.counters;

import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeDelta;
import io.egressmon.avro.SpokeTotals;
import io.egressmon.registry.AvroSerde;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.streams.talkers.TalkerSerdes;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * Value serdes of the application's topology: topics, changelogs and the suppression buffers of the
 * bandwidth part, and the {@link TalkerSerdes talkers part}'s topics. Keys are plain UTF-8 gateway
 * names everywhere. Tests may pass other serdes; production uses {@link #of}.
 */
public record BandwidthSerdes(Serde<Gateway> gateway, Serde<CounterSnapshot> snapshot, Serde<SpokeDelta> delta,
                              Serde<SpokeTotals> totals, Serde<SpokeBandwidthWindow> window, TalkerSerdes talkers) {

    public BandwidthSerdes {
        Objects.requireNonNull(gateway, "gateway serde");
        Objects.requireNonNull(snapshot, "snapshot serde");
        Objects.requireNonNull(delta, "delta serde");
        Objects.requireNonNull(totals, "totals serde");
        Objects.requireNonNull(window, "window serde");
        Objects.requireNonNull(talkers, "talkers serdes");
    }

    /** Avro in the Confluent wire format, schemas registered in {@code registry} under {@code <topic>-value}. */
    public static BandwidthSerdes of(SchemaRegistryClient registry) {
        Objects.requireNonNull(registry, "registry");
        return new BandwidthSerdes(
                new AvroSerde<>(Gateway.class, registry),
                new AvroSerde<>(CounterSnapshot.class, registry),
                new AvroSerde<>(SpokeDelta.class, registry),
                new AvroSerde<>(SpokeTotals.class, registry),
                new AvroSerde<>(SpokeBandwidthWindow.class, registry),
                TalkerSerdes.of(registry));
    }
}
