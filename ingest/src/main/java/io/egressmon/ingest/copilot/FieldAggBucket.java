package io.egressmon.ingest.copilot;

import java.util.Objects;

/** One key of a FlowIQ {@code field_agg} answer: an address and the bytes summed over its flow records. */
public record FieldAggBucket(String key, long bytes) {

    public FieldAggBucket {
        Objects.requireNonNull(key, "key");
        if (bytes < 0) {
            throw new IllegalArgumentException("negative bytes for " + key + ": " + bytes);
        }
    }
}
