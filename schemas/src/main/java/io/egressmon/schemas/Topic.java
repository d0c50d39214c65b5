package io.egressmon.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic bound to its serdes, as kafka-streams-examples' {@code Schemas.Topic}: its name and how its
 * keys and values become bytes and back. A declaration in {@link Topics} gives it once bound to a
 * schema registry ({@link TopicSpec#bind}); producers, consumers, topologies and tests take their
 * serdes from here rather than assembling them, so a topic cannot be written with one serde and read
 * with another.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "key serde");
        Objects.requireNonNull(valueSerde, "value serde");
    }

    /** {@code value} as this topic's bytes; null (a tombstone) stays null. */
    public byte[] serializeValue(V value) {
        return valueSerde.serializer().serialize(name, value);
    }

    /** A value of this topic from its bytes; null (a tombstone) stays null. */
    public V deserializeValue(byte[] bytes) {
        return valueSerde.deserializer().deserialize(name, bytes);
    }

    /** The topic's name, so that a topic reads well in messages. */
    @Override
    public String toString() {
        return name;
    }
}
