package io.egressmon.api.talkers;

import io.egressmon.api.CoveredPartitions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Internal: what one instance answers to a top-talkers fan-out for the partitions it hosts actively.
 * Every instance first merges its own spokes, so what travels is bounded: one table per group and
 * role, and per spoke only its top-N.
 *
 * @param host     who answered (for messages)
 * @param gateways the gateways with data in the period on those partitions, sorted
 * @param spokes   per gateway, its rankings (only for per-spoke questions)
 * @param groups   per group, its merged tables (for a global question: the one group {@link #ALL})
 */
public record TalkersPartial(String host, Set<Integer> partitions, List<String> gateways,
                             Map<String, RoleRankings> spokes, Map<String, RoleTableData> groups)
        implements CoveredPartitions {

    /** The one group of an ungrouped question: everything. */
    public static final String ALL = "*";

    public TalkersPartial {
        Objects.requireNonNull(host, "host");
        partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
        gateways = List.copyOf(new TreeSet<>(gateways));
        spokes = Collections.unmodifiableSortedMap(new TreeMap<>(spokes));
        groups = Collections.unmodifiableSortedMap(new TreeMap<>(groups));
    }
}
