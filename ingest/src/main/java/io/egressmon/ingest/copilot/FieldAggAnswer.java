package io.egressmon.ingest.copilot;

import java.util.List;

/**
 * A FlowIQ {@code field_agg} answer.
 *
 * @param buckets  the readable keys, in CoPilot's order (by bytes, descending)
 * @param returned how many keys CoPilot sent, unreadable ones included: what tells whether the
 *                 answer was cut at {@code size}
 */
public record FieldAggAnswer(List<FieldAggBucket> buckets, int returned) {

    public FieldAggAnswer {
        buckets = List.copyOf(buckets);
        if (returned < buckets.size()) {
            throw new IllegalArgumentException("returned " + returned + " < " + buckets.size() + " buckets");
        }
    }

    /** True when CoPilot sent {@code size} keys (or more): smaller keys may have been left out. */
    public boolean filled(int size) {
        return returned >= size;
    }
}
