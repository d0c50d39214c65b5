package io.egressmon.report.talkers;

import java.util.List;
import java.util.Objects;

/**
 * One group of a {@code --per-spoke --group-by} report: the spokes sharing an attribute value and
 * their rankings merged (see {@link RankedTalker#merge}).
 *
 * @param name         the attribute value, or {@link io.egressmon.report.GroupBy#MISSING_VALUE}
 * @param gateways     the member spokes, in report order
 * @param destinations the members' destinations merged, biggest first
 * @param sources      the members' sources merged, biggest first
 */
public record GroupTalkers(String name, List<String> gateways, List<RankedTalker> destinations, List<RankedTalker> sources) {

    public GroupTalkers {
        Objects.requireNonNull(name, "name");
        gateways = List.copyOf(gateways);
        destinations = List.copyOf(destinations);
        sources = List.copyOf(sources);
    }

    /** The group named {@code name} holding {@code members}, their rankings merged and cut to {@code top}. */
    public static GroupTalkers of(String name, List<SpokeTalkers> members, int top) {
        return new GroupTalkers(name,
                members.stream().map(SpokeTalkers::gateway).toList(),
                RankedTalker.merge(members.stream().map(SpokeTalkers::destinations).toList(), top),
                RankedTalker.merge(members.stream().map(SpokeTalkers::sources).toList(), top));
    }

    /** How many spokes the group holds. */
    public int spokes() {
        return gateways.size();
    }
}
