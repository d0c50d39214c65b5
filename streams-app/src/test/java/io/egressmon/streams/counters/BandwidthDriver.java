package io.egressmon.streams.counters;

import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeTotals;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;

/** The bandwidth topology in a {@link TopologyTestDriver}, with Avro serdes backed by a real registry. */
final class BandwidthDriver implements AutoCloseable {
    final TopologyStats stats = new TopologyStats();
    final BandwidthSerdes serdes;
    final TopologyTestDriver driver;
    private final TestInputTopic<String, CounterSnapshot> snapshots;
    private final TestInputTopic<String, Gateway> inventory;
    private final TestOutputTopic<String, SpokeBandwidthWindow> windows;

    BandwidthDriver(SchemaRegistryClient registry, Path stateDir) {
        serdes = BandwidthSerdes.of(registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bandwidth-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        driver = new TopologyTestDriver(BandwidthTopology.build(serdes, stats), props);
        snapshots = driver.createInputTopic(Topics.COUNTER_SNAPSHOTS.name(), new StringSerializer(), serdes.snapshots().valueSerde().serializer());
        inventory = driver.createInputTopic(Topics.INVENTORY.name(), new StringSerializer(), serdes.inventory().valueSerde().serializer());
        windows = driver.createOutputTopic(Topics.SPOKE_WINDOWS.name(), new StringDeserializer(), serdes.windows().valueSerde().deserializer());
    }

    /** Pipes snapshots, each with its sampling time as the record time (as ingest writes them). */
    BandwidthDriver pipe(Snapshots... readings) {
        for (Snapshots s : readings) {
            snapshots.pipeInput(s.gateway(), s.build(), s.at());
        }
        return this;
    }

    BandwidthDriver pipeRaw(String key, CounterSnapshot value, Instant timestamp) {
        snapshots.pipeInput(key, value, timestamp);
        return this;
    }

    BandwidthDriver inventory(Gateway gateway) {
        inventory.pipeInput(gateway.getGwName(), gateway, gateway.getObservedAt());
        return this;
    }

    BandwidthDriver removeFromInventory(String gateway, Instant at) {
        inventory.pipeInput(gateway, null, at);
        return this;
    }

    /** Every window of {@code gateway} in {@code store}, by window start. */
    SortedMap<Instant, RawTotals> windows(String store, String gateway) {
        WindowStore<String, ValueAndTimestamp<SpokeTotals>> windowStore = driver.getTimestampedWindowStore(store);
        SortedMap<Instant, RawTotals> byStart = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<SpokeTotals>> all = windowStore.all()) {
            all.forEachRemaining(kv -> {
                if (kv.key.key().equals(gateway)) {
                    byStart.put(kv.key.window().startTime(), RawTotals.of(kv.value.value()));
                }
            });
        }
        return byStart;
    }

    SortedMap<Instant, RawTotals> fine(String gateway) {
        return windows(BandwidthTopology.STORE_5M, gateway);
    }

    SortedMap<Instant, RawTotals> hourly(String gateway) {
        return windows(BandwidthTopology.STORE_1H, gateway);
    }

    /** The sum of all of {@code gateway}'s windows in {@code store}. */
    RawTotals total(String store, String gateway) {
        return windows(store, gateway).values().stream().reduce(RawTotals.ZERO, RawTotals::plus);
    }

    List<KeyValue<String, SpokeBandwidthWindow>> emitted() {
        return windows.readKeyValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
