package io.egressmon.streams.query;

import io.egressmon.api.InventoryGateway;
import io.egressmon.api.Unavailable;
import io.egressmon.avro.Gateway;
import io.egressmon.streams.counters.BandwidthTopology;
import io.egressmon.streams.counters.StateVersion;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the inventory, a global store, which IQv2 does not serve: through IQv1, which hands out the
 * store itself, so a put is readable as soon as it is made. The inventory is decoded whole only when
 * {@code InventoryProcessor} has changed it since it was last read ({@link StateVersion}); reads block
 * (RocksDB): run them off the event loop.
 */
final class InventoryReader {
    /** The inventory as last read whole, and the {@link StateVersion} it was read at. */
    private record KeptInventory(long version, Map<String, InventoryGateway> gateways) {
    }

    private final KafkaStreams streams;
    private final StateVersion inventoryVersion;
    private volatile KeptInventory kept;

    InventoryReader(KafkaStreams streams, StateVersion inventoryVersion) {
        this.streams = streams;
        this.inventoryVersion = Objects.requireNonNull(inventoryVersion, "inventoryVersion");
    }

    /**
     * The whole inventory (every gateway type), sorted by name; not to be changed. Read whole only when
     * the store changed since it was last read ({@link StateVersion}), else the same map again.
     *
     * @throws Unavailable while the global store is not queryable (starting, or shut down)
     */
    Map<String, InventoryGateway> all() {
        long version = inventoryVersion.current(); // before reading: see StateVersion
        KeptInventory kept = current(version);
        if (kept != null) {
            return kept.gateways();
        }
        Map<String, InventoryGateway> out = new TreeMap<>();
        try (KeyValueIterator<String, Gateway> it = inventoryStore().all()) {
            while (it.hasNext()) {
                KeyValue<String, Gateway> kv = it.next();
                if (kv.value != null) {
                    out.put(kv.key, inventoryGateway(kv.value));
                }
            }
        } catch (InvalidStateStoreException e) {
            throw inventoryUnavailable(e);
        }
        Map<String, InventoryGateway> gateways = Collections.unmodifiableMap(out);
        this.kept = new KeptInventory(version, gateways);
        return gateways;
    }

    /**
     * One gateway of the inventory, if it is there: from the inventory kept by {@link #all()} while
     * the store has not changed since, else looked up in the store.
     *
     * @throws Unavailable while the global store is not queryable
     */
    Optional<InventoryGateway> gateway(String name) {
        KeptInventory kept = current(inventoryVersion.current());
        if (kept != null) {
            return Optional.ofNullable(kept.gateways().get(name));
        }
        try {
            return Optional.ofNullable(inventoryStore().get(name)).map(InventoryReader::inventoryGateway);
        } catch (InvalidStateStoreException e) {
            throw inventoryUnavailable(e);
        }
    }

    /** The inventory kept, if it was read at {@code version} and the store is queryable now (as reading it would need). */
    private KeptInventory current(long version) {
        KeptInventory kept = this.kept;
        if (kept == null || kept.version() != version) {
            return null;
        }
        if (!streams.state().isRunningOrRebalancing()) {
            throw new Unavailable("the inventory store is not queryable (Kafka Streams is " + streams.state() + ")");
        }
        return kept;
    }

    private ReadOnlyKeyValueStore<String, Gateway> inventoryStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(BandwidthTopology.STORE_INVENTORY,
                QueryableStoreTypes.keyValueStore()));
    }

    private static Unavailable inventoryUnavailable(InvalidStateStoreException e) {
        return new Unavailable("the inventory store is not queryable yet (" + e.getMessage() + ")", e);
    }

    /** The inventory's Avro record as the API shows it. */
    private static InventoryGateway inventoryGateway(Gateway g) {
        return new InventoryGateway(g.getGwName(), g.getGwType(), g.getAccountName(), g.getVpcName(), g.getVpcId(),
                g.getVpcRegion(), g.getVendorName(), g.getTransitGwName(), g.getGroupName(), g.getTunnelInterfaces(),
                g.getObservedAt());
    }
}
