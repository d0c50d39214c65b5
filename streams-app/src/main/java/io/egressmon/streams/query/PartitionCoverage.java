package io.egressmon.streams.query;

import io.egressmon.api.CoveredPartitions;
import io.egressmon.api.Unavailable;
import io.egressmon.api.bandwidth.BandwidthPartial;
import io.egressmon.api.bandwidth.GatewayPeriod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges the partial answers of a fan-out, but only when together they cover every partition
 * exactly once: a missing partition would silently lose spokes and a doubled one would count them
 * twice, so either is {@link Unavailable} (503, ask again) rather than a wrong total.
 */
public final class PartitionCoverage {
    private PartitionCoverage() {
    }

    /**
     * Raw totals (with error bounds and data horizons) per gateway over all partitions.
     *
     * @throws Unavailable naming the missing, doubled or unexpected partitions
     */
    public static Map<String, GatewayPeriod> merge(int partitionCount, Collection<BandwidthPartial> answers) {
        check(partitionCount, answers);
        Map<String, GatewayPeriod> merged = new TreeMap<>();
        for (BandwidthPartial a : answers) {
            // Each gateway lives on one partition, but adding is right even if a name showed up twice.
            a.gateways().forEach((gateway, p) -> merged.merge(gateway, p, GatewayPeriod::plus));
        }
        return merged;
    }

    /** @throws Unavailable unless partitions {@code 0..partitionCount-1} are each answered exactly once */
    public static void check(int partitionCount, Collection<? extends CoveredPartitions> answers) {
        Map<Integer, List<String>> answeredBy = new HashMap<>();
        for (CoveredPartitions a : answers) {
            for (int p : a.partitions()) {
                answeredBy.computeIfAbsent(p, k -> new ArrayList<>()).add(a.host());
            }
        }
        List<String> problems = new ArrayList<>();
        TreeSet<Integer> missing = new TreeSet<>();
        for (int p = 0; p < partitionCount; p++) {
            List<String> hosts = answeredBy.get(p);
            if (hosts == null) {
                missing.add(p);
            } else if (hosts.size() > 1) {
                problems.add("partition " + p + " answered by " + hosts.size() + " instances " + hosts);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(0, "no instance answered for partition(s) " + missing);
        }
        new TreeSet<>(answeredBy.keySet()).stream()
                .filter(p -> p < 0 || p >= partitionCount)
                .forEach(p -> problems.add("partition " + p + " does not exist (there are " + partitionCount + ")"));
        if (!problems.isEmpty()) {
            throw new Unavailable("incomplete answer, partitions are probably moving between instances: "
                    + String.join("; ", problems));
        }
    }
}
