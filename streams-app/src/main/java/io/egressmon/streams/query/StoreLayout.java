package io.egressmon.streams.query;

import io.egressmon.streams.cost.CostQueryStores;

import io.egressmon.streams.counters.BandwidthTopology;
import io.egressmon.streams.flows.FlowTalkersTopology;
import io.egressmon.streams.talkers.TalkersTopology;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Where a pair of window stores (the bandwidth ones, or the talkers ones) sits in the topology: the
 * source topics of their sub-topology, whose partition numbers are the stores' partition numbers. The query layer relies on both window stores
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

    /** The bandwidth window stores' layout. */
    public static StoreLayout of(TopologyDescription description) {
        return of(description, BandwidthTopology.STORE_5M, BandwidthTopology.STORE_1H);
    }

    /** The talkers window stores' layout. */
    public static StoreLayout talkers(TopologyDescription description) {
        return of(description, TalkersTopology.STORE_1H, TalkersTopology.STORE_1D);
    }

    /** The flow talkers' window stores' layout. */
    public static StoreLayout flowTalkers(TopologyDescription description) {
        return of(description, FlowTalkersTopology.STORE_1M, FlowTalkersTopology.STORE_1D);
    }

    /**
     * The cost query stores' layout: their sub-topology reads the repartition topic by billing
     * account, which the description names without the application id Kafka Streams prefixes it with
     * (and the metadata's partitions name it with).
     */
    public static StoreLayout cost(TopologyDescription description, String applicationId) {
        StoreLayout plain = of(description, CostQueryStores.ACCOUNT_MONTHS, CostQueryStores.HOURS);
        Set<String> topics = new TreeSet<>();
        for (String topic : plain.sourceTopics()) {
            topics.add(topic.endsWith("-repartition") ? applicationId + "-" + topic : topic);
        }
        return new StoreLayout(topics);
    }

    /** The layout of {@code stores}, which must share one sub-topology. */
    static StoreLayout of(TopologyDescription description, String first, String second) {
        TopologyDescription.Subtopology a = subtopologyOf(description, first);
        TopologyDescription.Subtopology b = subtopologyOf(description, second);
        if (a.id() != b.id()) {
            throw new IllegalStateException("stores " + first + " and " + second
                    + " are in different sub-topologies (" + a.id() + ", " + b.id()
                    + "); the query layer assumes one task holds both");
        }
        Set<String> topics = new TreeSet<>();
        for (TopologyDescription.Node node : b.nodes()) {
            if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                topics.addAll(source.topicSet());
            }
        }
        if (topics.isEmpty()) {
            throw new IllegalStateException("the sub-topology of " + second + " has no source topic");
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
