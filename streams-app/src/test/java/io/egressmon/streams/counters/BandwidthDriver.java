package io.egressmon.streams.counters;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeTotals;
import io.egressmon.streams.AppDriver;
import io.egressmon.streams.talkers.TalkerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The application's topology in an {@link AppDriver}, driven through the bandwidth part's topics and stores. */
final class BandwidthDriver implements AutoCloseable {
    private final AppDriver app;
    final TopologyStats stats;
    private final TestInputTopic<String, CounterSnapshot> snapshots;
    private final TestInputTopic<String, Gateway> inventory;
    private final TestOutputTopic<String, SpokeBandwidthWindow> windows;

    BandwidthDriver(Path stateDir) {
        // The test day's 5-minute windows are recent enough to be kept.
        app = new AppDriver(stateDir, TalkerSettings.DEFAULTS, Instant.parse(Snapshots.DAY + "T00:00:00Z").plus(Duration.ofDays(1)));
        stats = app.stats;
        snapshots = app.input(app.serdes.snapshots());
        inventory = app.input(app.serdes.inventory());
        windows = app.output(app.serdes.windows());
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

    /** Pipes an inventory record as it is, {@code key} null included. */
    BandwidthDriver inventoryRaw(String key, Gateway value, Instant at) {
        inventory.pipeInput(key, value, at);
        return this;
    }

    /** What the global inventory store holds, by gateway. */
    SortedMap<String, Gateway> inventoryStore() {
        SortedMap<String, Gateway> out = new TreeMap<>();
        KeyValueStore<String, ValueAndTimestamp<Gateway>> store = app.driver.getTimestampedKeyValueStore(BandwidthTopology.STORE_INVENTORY);
        try (KeyValueIterator<String, ValueAndTimestamp<Gateway>> all = store.all()) {
            all.forEachRemaining(kv -> out.put(kv.key, kv.value.value()));
        }
        return out;
    }

    /** Every window of {@code gateway} in {@code store}, by window start. */
    SortedMap<Instant, RawTotals> windows(String store, String gateway) {
        WindowStore<String, ValueAndTimestamp<SpokeTotals>> windowStore = app.driver.getTimestampedWindowStore(store);
        SortedMap<Instant, RawTotals> byStart = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<SpokeTotals>> all = windowStore.all()) {
            all.forEachRemaining(kv -> {
                if (kv.key.key().equals(gateway)) {
                    byStart.put(kv.key.window().startTime(), WindowTotals.of(kv.value.value()));
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
        app.close();
    }

    /**
     * Hands each test that asks for a {@code BandwidthDriver} parameter a fresh one, over its own
     * temporary state directory, and closes it and deletes the directory after the test.
     */
    static final class PerTest implements ParameterResolver, AfterEachCallback {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PerTest.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == BandwidthDriver.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            try {
                Path stateDir = Files.createTempDirectory("bandwidth-driver");
                BandwidthDriver driver = new BandwidthDriver(stateDir);
                context.getStore(NAMESPACE).put(BandwidthDriver.class, driver);
                context.getStore(NAMESPACE).put(Path.class, stateDir);
                return driver;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void afterEach(ExtensionContext context) throws IOException {
            BandwidthDriver driver = context.getStore(NAMESPACE).remove(BandwidthDriver.class, BandwidthDriver.class);
            Path stateDir = context.getStore(NAMESPACE).remove(Path.class, Path.class);
            if (driver != null) {
                driver.close();
            }
            if (stateDir != null) {
                try (Stream<Path> paths = Files.walk(stateDir)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
