package io.egressmon.streams;

import io.egressmon.schemas.Topic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A {@link Topic} as a named source or sink of a topology: its serdes come from the topic, its name
 * from the caller (every operator is named). Here rather than on {@code Topic}: the schemas module
 * does not depend on Kafka Streams.
 */
public final class StreamsTopics {
    private StreamsTopics() {
    }

    /** Reading {@code topic} with its serdes, as the source named {@code name}. */
    public static <K, V> Consumed<K, V> consumed(Topic<K, V> topic, String name) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }

    /** Writing to {@code topic} with its serdes, as the sink named {@code name}. */
    public static <K, V> Produced<K, V> produced(Topic<K, V> topic, String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
