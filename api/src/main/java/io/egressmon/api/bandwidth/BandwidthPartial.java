package io.egressmon.api.bandwidth;

import io.egressmon.api.CoveredPartitions;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Internal: what one instance answers for the partitions it hosts actively — raw totals per gateway
 * (sorted by name) with their error bounds and data horizons, and the partitions they cover.
 *
 * @param host who answered (for messages)
 */
public record BandwidthPartial(String host, Set<Integer> partitions, Map<String, GatewayPeriod> gateways)
        implements CoveredPartitions {

    public BandwidthPartial {
        Objects.requireNonNull(host, "host");
        partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
        gateways = Collections.unmodifiableSortedMap(new TreeMap<>(gateways));
    }
}
