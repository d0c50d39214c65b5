package io.egressmon.streams.counters;

import io.egressmon.avro.Gateway;
import io.egressmon.streams.counters.TopologyStats.Counter;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps the global {@code inventory} store as {@code copilot.inventory} says, the way a global table
 * would (a gateway's latest record, a tombstone deletes it), and bumps the {@link StateVersion}
 * after each change. Kafka Streams runs the records of a restoration through it too (a global store
 * added with its processor is reprocessed on restore), so no change reaches the store without a bump.
 */
final class InventoryProcessor implements Processor<String, Gateway, Void, Void> {
    private final StateVersion version;
    private final TopologyStats stats;
    private TimestampedKeyValueStore<String, Gateway> store;

    InventoryProcessor(StateVersion version, TopologyStats stats) {
        this.version = Objects.requireNonNull(version, "version");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(BandwidthTopology.STORE_INVENTORY);
        version.changed(); // a store opened, wiped or restored below us
    }

    @Override
    public void process(Record<String, Gateway> record) {
        if (record.key() == null) {
            stats.increment(Counter.MALFORMED_INVENTORY);
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
        }
        version.changed();
    }
}
