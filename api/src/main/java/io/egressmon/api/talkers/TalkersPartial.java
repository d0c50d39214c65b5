package io.egressmon.api.talkers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.egressmon.api.CoveredPartitions;
import java.time.Instant;
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
 * @param dataUntil   per gateway of those partitions, how far its data reaches (FlowIQ: the end of
 *                    its latest slice aggregated)
 * @param coarseUntil the end of the latest slice longer than an hour on those partitions (FlowIQ day
 *                    slices), or null: hourly windows before it do not hold hours
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TalkersPartial(String host, Set<Integer> partitions, List<String> gateways,
                             Map<String, RoleRankings> spokes, Map<String, RoleTableData> groups,
                             Map<String, Instant> dataUntil,
                             @JsonProperty(isRequired = OptBoolean.FALSE) Instant coarseUntil)
        implements CoveredPartitions {

    /** The one group of an ungrouped question: everything. */
    public static final String ALL = "*";

    public TalkersPartial {
        Objects.requireNonNull(host, "host");
        partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
        gateways = List.copyOf(new TreeSet<>(gateways));
        spokes = Collections.unmodifiableSortedMap(new TreeMap<>(spokes));
        groups = Collections.unmodifiableSortedMap(new TreeMap<>(groups));
        dataUntil = dataUntil == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(dataUntil));
    }

    /** This part with its spokes' progress marks. */
    public TalkersPartial withProgress(Map<String, Instant> dataUntil, Instant coarseUntil) {
        return new TalkersPartial(host, partitions, gateways, spokes, groups, dataUntil, coarseUntil);
    }
}
