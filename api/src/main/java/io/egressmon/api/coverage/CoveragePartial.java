package io.egressmon.api.coverage;

import io.egressmon.api.CoveredPartitions;
import io.egressmon.api.bandwidth.RawTotals;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Internal: one instance's windows for the partitions it hosts actively, per gateway and step start:
 * the counters' raw totals, or the flows' egress bytes (the other map empty).
 */
public record CoveragePartial(String host, Set<Integer> partitions, Map<String, SortedMap<Instant, RawTotals>> counters,
                           Map<String, SortedMap<Instant, Long>> flows) implements CoveredPartitions {
    public CoveragePartial {
        Objects.requireNonNull(host, "host");
        partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
        counters = Collections.unmodifiableSortedMap(new TreeMap<>(counters));
        flows = Collections.unmodifiableSortedMap(new TreeMap<>(flows));
    }
}
