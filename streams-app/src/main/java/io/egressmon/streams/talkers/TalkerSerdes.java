package io.egressmon.streams.talkers;

import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerTopN;
import io.egressmon.registry.AvroSerde;
import io.egressmon.registry.SchemaRegistryClient;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * Value serdes of the talkers topics (registry Avro, like every topic). The window stores use
 * {@link TalkerTableSerde}, which needs no registry. Keys are plain UTF-8 gateway names.
 */
public record TalkerSerdes(Serde<TalkerBytes> talkerBytes, Serde<TalkerTopN> topN) {

    public TalkerSerdes {
        Objects.requireNonNull(talkerBytes, "talker bytes serde");
        Objects.requireNonNull(topN, "top-N serde");
    }

    public static TalkerSerdes of(SchemaRegistryClient registry) {
        Objects.requireNonNull(registry, "registry");
        return new TalkerSerdes(new AvroSerde<>(TalkerBytes.class, registry), new AvroSerde<>(TalkerTopN.class, registry));
    }
}
