package io.egressmon.streams.query;

import io.egressmon.api.Unavailable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The one place that asks Kafka Streams which instance actively hosts what: the owner of a gateway's
 * partition, and the owners of all partitions of a family of stores.
 */
final class Owners {
    private final KafkaStreams streams;
    private final HostInfo self;
    private final String selfUrl;

    Owners(KafkaStreams streams, HostInfo self) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.self = Objects.requireNonNull(self, "self");
        this.selfUrl = baseUrl(self);
    }

    String self() {
        return selfUrl;
    }

    /**
     * Where {@code gateway}'s partition of {@code stores} is actively hosted. Should the partition
     * move away before it is read here, the local read says so ({@link LocalStores} is
     * {@link Unavailable} for a partition it does not host).
     */
    Placement placement(StoreFamily stores, String gateway) {
        KeyQueryMetadata owner = keyMetadata(stores, gateway);
        return new Placement(owner.activeHost().equals(self) ? null : baseUrl(owner.activeHost()), owner.partition());
    }

    /** @param elsewhere the owner's URL, null when it is this instance */
    record Placement(String elsewhere, int partition) {
    }

    /** Active partitions of {@code stores} by host URL, from the current metadata; this instance's key is {@link #self()}. */
    Map<String, Set<Integer>> active(StoreFamily stores) {
        Collection<StreamsMetadata> metadata = streams.streamsMetadataForStore(stores.store());
        Map<String, Set<Integer>> owners = new LinkedHashMap<>();
        for (StreamsMetadata m : metadata) {
            Set<Integer> partitions = m.topicPartitions().stream()
                    .filter(tp -> stores.layout().sourceTopics().contains(tp.topic()))
                    .map(tp -> tp.partition())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!partitions.isEmpty()) {
                owners.merge(baseUrl(m.hostInfo()), partitions, (a, b) -> {
                    Set<Integer> union = new TreeSet<>(a);
                    union.addAll(b);
                    return union;
                });
            }
        }
        return owners;
    }

    /**
     * The owner of {@code gateway}'s partition of {@code stores}. Asked with the plain gateway name
     * also for the talkers stores, whose keys are {@code gateway|ROLE}: those keys sit on the
     * partition of their gateway (the input topic's key), which is what this computes.
     */
    private KeyQueryMetadata keyMetadata(StoreFamily stores, String gateway) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(stores.store(), gateway, Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner) || owner.activeHost() == null
                || owner.activeHost().port() < 0) {
            throw new Unavailable("the partition of gateway '" + gateway + "' has no active host right now (rebalancing)");
        }
        return owner;
    }

    static String baseUrl(HostInfo host) {
        String h = host.host();
        return "http://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + host.port();
    }
}
