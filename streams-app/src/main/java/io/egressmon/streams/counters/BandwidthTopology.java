package io.egressmon.streams.counters;

import static io.egressmon.streams.StreamsTopics.consumed;
import static io.egressmon.streams.StreamsTopics.produced;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeDelta;
import io.egressmon.avro.SpokeTotals;
import io.egressmon.schemas.Topic;
import io.egressmon.streams.counters.TopologyStats.Counter;
import io.egressmon.streams.flows.FlowSettings;
import io.egressmon.streams.flows.FlowTalkersTopology;
import io.egressmon.streams.talkers.TalkerSettings;
import io.egressmon.streams.talkers.TalkersTopology;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.Suppressed.BufferConfig;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The application's topology: the bandwidth part (design.md, "Topology"), and the FlowIQ talkers
 * part added by {@link TalkersTopology} (its own sub-topology, fed by {@code flowiq.talker-bytes}):
 * one application id, one set of instances, one REST API. The bandwidth part:
 * <pre>
 * copilot.counter-snapshots ─► counter-deltas (store counter-last-readings; reset-aware Δ spread over 5-min buckets)
 *   ─► group by gateway ─┬─► 5-min windows  (store spoke-bandwidth-5m) ─► suppress until closed ─┐
 *                        └─► 1-hour windows (store spoke-bandwidth-1h) ─► suppress until closed ─┴─► merge
 *   ─► left join inventory (global store inventory) ─► bandwidth.spoke-windows
 * </pre>
 * The window stores are what interactive queries read: running raw totals per gateway and window,
 * final once stream time passes the window's end plus {@link #GRACE}. Every operator, store and
 * internal topic has an explicit name (the builder refuses generated ones), so names survive
 * topology changes and tests can rely on them.
 */
public final class BandwidthTopology {
    public static final String STORE_LAST_READINGS = "counter-last-readings";
    /** {@code KeyValueStore<String, Long>}: per gateway, the latest {@code sampled_at} processed (epoch ms). */
    public static final String STORE_PROGRESS = "counter-progress";
    /** {@code WindowStore<String, SpokeTotals>}: 5-minute tumbling windows, retained {@link #FINE_RETENTION}. */
    public static final String STORE_5M = "spoke-bandwidth-5m";
    /** {@code WindowStore<String, SpokeTotals>}: 1-hour tumbling windows, retained {@link #HOURLY_RETENTION}. */
    public static final String STORE_1H = "spoke-bandwidth-1h";
    /** Global {@code KeyValueStore<String, Gateway>} over {@code copilot.inventory}. */
    public static final String STORE_INVENTORY = "inventory";

    public static final Duration FINE = Duration.ofMinutes(5), HOURLY = Duration.ofHours(1);
    /**
     * How long after its end a window still takes deltas: the largest backfill slice. All gateways
     * share a slice, so on one partition a gateway's 6-hour slice may arrive after another's has
     * already moved stream time to the slice's end.
     */
    public static final Duration GRACE = Duration.ofHours(6), FINE_RETENTION = Duration.ofDays(2),
            HOURLY_RETENTION = Duration.ofDays(400);

    static final String SNAPSHOTS_SOURCE = "counter-snapshots-source";
    static final String COUNTER_DELTAS = "counter-deltas";
    static final String SPOKE_DELTAS = "spoke-deltas";
    /** Names the global table's source ({@code inventory-table-source}) and its processor. */
    static final String INVENTORY_SOURCE = "inventory-table";
    static final String SPOKE_WINDOWS_SINK = "spoke-windows-sink";

    private BandwidthTopology() {
    }

    /** The topology with the talkers part's default settings. */
    public static Topology build(BandwidthSerdes serdes, TopologyStats stats) {
        return build(serdes, TalkerSettings.DEFAULTS, stats);
    }

    /**
     * The topology. The application's own {@link StreamsConfig} (application id, exactly-once, ...)
     * replaces the placeholder used here when {@code new KafkaStreams(topology, config)} is called;
     * only the naming check is fixed at build time.
     */
    public static Topology build(BandwidthSerdes serdes, TalkerSettings talkers, TopologyStats stats) {
        return build(serdes, talkers, FlowSettings.DEFAULTS, stats);
    }

    /** The topology with the flows part's address ranges from {@code flows}. */
    public static Topology build(BandwidthSerdes serdes, TalkerSettings talkers, FlowSettings flows, TopologyStats stats) {
        Objects.requireNonNull(serdes, "serdes");
        Objects.requireNonNull(flows, "flows");
        Objects.requireNonNull(talkers, "talkers");
        Objects.requireNonNull(stats, "stats");
        StreamsBuilder builder = new StreamsBuilder(namingEnforced());

        Topic<String, Gateway> inventoryTopic = serdes.inventory();
        GlobalKTable<String, Gateway> inventory = builder.globalTable(inventoryTopic.name(),
                consumed(inventoryTopic, INVENTORY_SOURCE),
                Materialized.<String, Gateway, KeyValueStore<Bytes, byte[]>>as(STORE_INVENTORY)
                        .withKeySerde(inventoryTopic.keySerde()).withValueSerde(inventoryTopic.valueSerde()));

        KStream<String, SpokeDelta> deltas = builder
                .stream(serdes.snapshots().name(), consumed(serdes.snapshots(), SNAPSHOTS_SOURCE))
                .processValues(CounterDeltaProcessor.supplier(stats), Named.as(COUNTER_DELTAS));

        KGroupedStream<String, SpokeDelta> byGateway =
                deltas.groupByKey(Grouped.with(SPOKE_DELTAS, Serdes.String(), serdes.delta()));

        KStream<String, SpokeBandwidthWindow> fine = finalWindows(byGateway, serdes, FINE, FINE_RETENTION, STORE_5M);
        KStream<String, SpokeBandwidthWindow> hourly = finalWindows(byGateway, serdes, HOURLY, HOURLY_RETENTION, STORE_1H);

        fine.merge(hourly, Named.as("spoke-windows-merge"))
                .leftJoin(inventory, (gateway, window) -> gateway,
                        (window, gateway) -> withInventory(window, gateway, stats),
                        Named.as("spoke-windows-with-inventory"))
                .to(serdes.windows().name(), produced(serdes.windows(), SPOKE_WINDOWS_SINK));

        TalkersTopology.addTo(builder, serdes.talkers(), talkers, stats.talkers());
        FlowTalkersTopology.addTo(builder, serdes.talkers().flows(), serdes.windows(), serdes.talkers().coverage(),
                serdes.talkers().table(), flows,
                talkers, stats.flows());
        return builder.build();
    }

    private static TopologyConfig namingEnforced() {
        Properties props = new Properties();
        // Placeholders StreamsConfig insists on; KafkaStreams (and TopologyTestDriver) replace this
        // whole config with the application's, keeping only topology-level settings set here.
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "egressmon-bandwidth-topology");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "placeholder:9092");
        // Not a topology-level setting (the application's own value applies); set only so that this
        // throw-away config does not log a warning about it.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // The protected constructor with doLog = false: no "StreamsConfig values" dump of placeholders.
        return new TopologyConfig(new StreamsConfig(props, false) { });
    }

    /** One tumbling-window aggregation of the deltas and its final results, as window records. */
    private static KStream<String, SpokeBandwidthWindow> finalWindows(KGroupedStream<String, SpokeDelta> byGateway,
                                                                      BandwidthSerdes serdes, Duration size,
                                                                      Duration retention, String store) {
        String granularity = size.toString(); // PT5M, PT1H
        return byGateway
                .windowedBy(TimeWindows.ofSizeAndGrace(size, GRACE))
                .aggregate(() -> WindowTotals.toAvro(RawTotals.ZERO),
                        (gateway, delta, totals) -> WindowTotals.add(totals, delta, size),
                        Named.as(store + "-aggregate"),
                        Materialized.<String, SpokeTotals, WindowStore<Bytes, byte[]>>as(store)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(serdes.totals())
                                .withRetention(retention))
                .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()).withName(store + "-final"))
                .toStream(Named.as(store + "-final-stream"))
                .map((window, totals) -> KeyValue.pair(window.key(), toWindow(window, totals, granularity)),
                        Named.as(store + "-to-window"));
    }

    /**
     * The final record of one window. Its internal/egress fields are derived from this window alone:
     * they are right for this window and wrong to add up (see {@link RawTotals}); a consumer that
     * wants a longer period sums the raw eth0/tunnel fields and derives once.
     */
    static SpokeBandwidthWindow toWindow(Windowed<String> window, SpokeTotals totals, String granularity) {
        RawTotals raw = WindowTotals.of(totals);
        return SpokeBandwidthWindow.newBuilder()
                .setGateway(window.key())
                .setGranularity(granularity)
                .setWindowStart(window.window().startTime())
                .setWindowEnd(window.window().endTime())
                .setEth0RxBytes(raw.eth0Rx())
                .setEth0TxBytes(raw.eth0Tx())
                .setTunnelRxBytes(raw.tunnelRx())
                .setTunnelTxBytes(raw.tunnelTx())
                .setInternalRxBytes(raw.internalRx())
                .setInternalTxBytes(raw.internalTx())
                .setEgressRxBytes(raw.egressRx())
                .setEgressTxBytes(raw.egressTx())
                .setResets(raw.resets())
                .build();
    }

    /** The window with the gateway's inventory attributes; empty attributes when the inventory lacks it. */
    static SpokeBandwidthWindow withInventory(SpokeBandwidthWindow window, Gateway gateway, TopologyStats stats) {
        stats.increment(Counter.WINDOWS);
        if (gateway == null) {
            stats.increment(Counter.WINDOWS_WITHOUT_INVENTORY);
            return window;
        }
        return SpokeBandwidthWindow.newBuilder(window)
                .setAccountName(gateway.getAccountName())
                .setVpcId(gateway.getVpcId())
                .setVpcName(gateway.getVpcName())
                .setVpcRegion(gateway.getVpcRegion())
                .setVendorName(gateway.getVendorName())
                .setTransitGwName(gateway.getTransitGwName())
                .setGroupName(gateway.getGroupName())
                .build();
    }
}
