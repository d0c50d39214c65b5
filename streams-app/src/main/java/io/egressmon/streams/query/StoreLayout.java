package io.egressmon.streams.query;

import io.egressmon.streams.counters.BandwidthTopology;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Where the window stores sit in the topology: the source topics of their sub-topology, whose
 * partition numbers are the stores' partition numbers. The query layer relies on both window stores
 * sharing one sub-topology (one task per partition holds both), so one owner answers for a partition
 * of either store; {@link #of} refuses a topology where that is not so rather than answer wrongly.
 *
 * @param sourceTopics the topics feeding the window stores' sub-topology
 */
public record StoreLayout(Set<String> sourceTopics) {

    public StoreLayout {
        if (sourceTopics.isEmpty()) {
            throw new IllegalArgumentException("no source topics");
        }
        sourceTopics = Set.copyOf(sourceTopics);
    }

    public static StoreLayout of(TopologyDescription description) {
        TopologyDescription.Subtopology fine = subtopologyOf(description, BandwidthTopology.STORE_5M);
        TopologyDescription.Subtopology hourly = subtopologyOf(description, BandwidthTopology.STORE_1H);
        if (fine.id() != hourly.id()) {
            throw new IllegalStateException("stores " + BandwidthTopology.STORE_5M + " and " + BandwidthTopology.STORE_1H
                    + " are in different sub-topologies (" + fine.id() + ", " + hourly.id()
                    + "); the query layer assumes one task holds both");
        }
        Set<String> topics = new TreeSet<>();
        for (TopologyDescription.Node node : hourly.nodes()) {
            if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                topics.addAll(source.topicSet());
            }
        }
        if (topics.isEmpty()) {
            throw new IllegalStateException("the sub-topology of " + BandwidthTopology.STORE_1H + " has no source topic");
        }
        return new StoreLayout(topics);
    }

    private static TopologyDescription.Subtopology subtopologyOf(TopologyDescription description, String store) {
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor p && p.stores().contains(store)) {
                    return sub;
                }
            }
        }
        throw new IllegalStateException("the topology has no store named " + store);
    }
}
