package io.egressmon.api.cost;

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
 * Internal: what one instance answers for the cost partitions it hosts actively — its spokes' parts
 * (sorted by name), where its billing accounts stand on their tiers in each month the period touches,
 * and the hourly cost of its spokes in the forecast's basis: {@code hourly_usd[i]} is the hour
 * starting {@code i} hours after {@code hourly_since} (the 7 days before the end of the last hour
 * priced of its spokes, not after the period's end; instances may differ), null where
 * none of its spokes has the hour priced.
 *
 * @param host who answered (for messages)
 */
public record CostPartial(String host, Set<Integer> partitions, Map<String, GatewayCostPart> gateways,
                          List<TierStanding> accounts, Instant hourlySince, List<String> hourlyUsd)
        implements CoveredPartitions {

    public CostPartial {
        Objects.requireNonNull(host, "host");
        partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
        gateways = Collections.unmodifiableSortedMap(new TreeMap<>(gateways));
        accounts = List.copyOf(accounts);
        Objects.requireNonNull(hourlySince, "hourly_since");
        hourlyUsd = Collections.unmodifiableList(new java.util.ArrayList<>(hourlyUsd));
    }
}
