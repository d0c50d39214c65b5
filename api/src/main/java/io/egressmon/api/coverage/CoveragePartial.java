package io.egressmon.api.coverage;

import io.egressmon.api.CoveredPartitions;
import io.egressmon.api.bandwidth.RawTotals;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Internal: one instance's windows for the partitions it hosts actively, per gateway and step: the
 * counters' raw totals, or the flows' egress bytes (the other map empty), steps in time order.
 */
public record CoveragePartial(String host, Set<Integer> partitions, Map<String, List<CounterStep>> counters,
                              Map<String, List<FlowStep>> flows) implements CoveredPartitions {

    /** The counters' raw totals of one step. */
    public record CounterStep(Instant start, RawTotals totals) {
        public CounterStep {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(totals, "totals");
        }
    }

    /** The flows' egress bytes of one step. */
    public record FlowStep(Instant start, long egressBytes) {
        public FlowStep {
            Objects.requireNonNull(start, "start");
        }
    }

    public CoveragePartial {
        Objects.requireNonNull(host, "host");
        partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
        counters = Collections.unmodifiableSortedMap(new TreeMap<>(counters));
        flows = Collections.unmodifiableSortedMap(new TreeMap<>(flows));
    }

    /** From per-gateway maps of step start to value. */
    public static CoveragePartial of(String host, Set<Integer> partitions, Map<String, SortedMap<Instant, RawTotals>> counters,
                                     Map<String, SortedMap<Instant, Long>> flows) {
        Map<String, List<CounterStep>> c = new TreeMap<>();
        counters.forEach((g, steps) -> c.put(g, steps.entrySet().stream()
                .map(e -> new CounterStep(e.getKey(), e.getValue())).toList()));
        Map<String, List<FlowStep>> f = new TreeMap<>();
        flows.forEach((g, steps) -> f.put(g, steps.entrySet().stream()
                .map(e -> new FlowStep(e.getKey(), e.getValue())).toList()));
        return new CoveragePartial(host, partitions, c, f);
    }

    /** The counters as per-gateway maps of step start to raw totals. */
    public Map<String, SortedMap<Instant, RawTotals>> counterSteps() {
        Map<String, SortedMap<Instant, RawTotals>> out = new TreeMap<>();
        counters.forEach((g, steps) -> steps.forEach(s -> out.computeIfAbsent(g, k -> new TreeMap<>()).put(s.start(), s.totals())));
        return out;
    }

    /** The flows as per-gateway maps of step start to egress bytes. */
    public Map<String, SortedMap<Instant, Long>> flowSteps() {
        Map<String, SortedMap<Instant, Long>> out = new TreeMap<>();
        flows.forEach((g, steps) -> steps.forEach(s -> out.computeIfAbsent(g, k -> new TreeMap<>()).put(s.start(), s.egressBytes())));
        return out;
    }
}
