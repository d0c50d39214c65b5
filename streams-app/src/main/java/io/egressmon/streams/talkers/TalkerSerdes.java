package io.egressmon.streams.talkers;

import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerTopN;
import io.egressmon.registry.SchemaRegistry;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.Topics;
import java.util.Objects;

/**
 * The talkers topics with their serdes (registry Avro, like every topic). The window stores use
 * {@link TalkerTableSerde}, which needs no registry.
 */
public record TalkerSerdes(Topic<String, TalkerBytes> talkerBytes, Topic<String, TalkerTopN> topN) {

    public TalkerSerdes {
        Objects.requireNonNull(talkerBytes, "talker bytes topic");
        Objects.requireNonNull(topN, "top-N topic");
    }

    public static TalkerSerdes of(SchemaRegistry registry) {
        return new TalkerSerdes(Topics.TALKER_BYTES.bind(registry), Topics.TALKERS_TOP_N.bind(registry));
    }
}
