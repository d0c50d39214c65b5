package io.egressmon.streams.counters;

import static io.egressmon.streams.StreamsTopics.consumed;
import static io.egressmon.streams.StreamsTopics.produced;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.cost.BudgetConfig;
import io.egressmon.schemas.Topic;
import io.egressmon.streams.alerts.AlertsTopology;
import io.egressmon.streams.cost.CostSettings;
import io.egressmon.streams.cost.CostTopology;
import io.egressmon.streams.counters.TopologyStats.Counter;
import io.egressmon.streams.flows.FlowSettings;
import io.egressmon.streams.flows.FlowTalkersTopology;
import io.egressmon.streams.talkers.TalkerSettings;
import io.egressmon.streams.talkers.TalkersTopology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The application's topology: the bandwidth part (design.md, "Topology"), and the FlowIQ talkers
 * part added by {@link TalkersTopology} (its own sub-topology, fed by {@code flowiq.talker-bytes}):
 * one application id, one set of instances, one REST API. The bandwidth part:
 * <pre>
 * copilot.counter-snapshots ─► counter-windows (reset-aware Δ spread over 1-hour and 5-minute windows;
 *        stores counter-last-readings, counter-progress, spoke-bandwidth-1h, spoke-bandwidth-5m,
 *        counter-window-marks; final results once stream time passes a window's end plus grace)
 *        with the attributes of the global store inventory ─► bandwidth.spoke-windows
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
    /** {@code KeyValueStore<String, Long>}: per task, its stream time and up to where each window size is closed. */
    public static final String STORE_WINDOW_MARKS = "counter-window-marks";
    /** Holds nothing: tells {@code counter-windows} when to write what it keeps in memory (see {@link CommitHook}). */
    static final String STORE_COMMIT_HOOK = "counter-windows-commit";
    /** {@code TimestampedWindowStore<String, SpokeTotals>}: 5-minute tumbling windows, retained {@link #FINE_RETENTION}. */
    public static final String STORE_5M = "spoke-bandwidth-5m";
    /** {@code TimestampedWindowStore<String, SpokeTotals>}: 1-hour tumbling windows, retained {@link #HOURLY_RETENTION}. */
    public static final String STORE_1H = "spoke-bandwidth-1h";
    /** Global {@code TimestampedKeyValueStore<String, Gateway>} over {@code copilot.inventory}, kept by {@link InventoryProcessor}. */
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
    static final String COUNTER_WINDOWS = "counter-windows";
    /** Names the inventory store's source and its processor. */
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
        return build(serdes, talkers, flows, CostSettings.DEFAULTS, stats, Clock.systemUTC());
    }

    /**
     * The topology with {@code clock} as "now" for what the counters keep recent (the 5-minute windows of
     * the last {@link #FINE_RETENTION}, the in-memory copies): the clock the queries are planned by.
     */
    public static Topology build(BandwidthSerdes serdes, TalkerSettings talkers, FlowSettings flows, CostSettings cost,
                                 TopologyStats stats, Clock clock) {
        return build(serdes, talkers, flows, cost, BudgetConfig.NONE, stats, clock);
    }

    /** The topology with the alerts part judging {@code budgets} (docs/budgets.md). */
    public static Topology build(BandwidthSerdes serdes, TalkerSettings talkers, FlowSettings flows, CostSettings cost,
                                 BudgetConfig budgets, TopologyStats stats, Clock clock) {
        Objects.requireNonNull(serdes, "serdes");
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(flows, "flows");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(talkers, "talkers");
        Objects.requireNonNull(stats, "stats");
        StreamsBuilder builder = new StreamsBuilder(namingEnforced());

        Topic<String, Gateway> inventoryTopic = serdes.inventory();
        // A global store kept by our own processor rather than a global table: the processor tells the
        // queries when the inventory changed (StateVersion), so they need not decode it whole per answer.
        // Global stores are never logged: copilot.inventory is their changelog.
        builder.addGlobalStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(STORE_INVENTORY),
                                inventoryTopic.keySerde(), inventoryTopic.valueSerde()).withLoggingDisabled().withCachingDisabled(),
                inventoryTopic.name(), consumed(inventoryTopic, INVENTORY_SOURCE),
                () -> new InventoryProcessor(stats.inventoryVersion(), stats));

        KStream<String, SpokeBandwidthWindow> windows = builder.stream(serdes.snapshots().name(),
                        consumed(serdes.snapshots(), SNAPSHOTS_SOURCE))
                .process(CounterWindowsProcessor.supplier(serdes, stats, clock), Named.as(COUNTER_WINDOWS));
        windows.to(serdes.windows().name(), produced(serdes.windows(), SPOKE_WINDOWS_SINK));

        TalkersTopology.addTo(builder, serdes.talkers(), talkers, stats.talkers(), stats.talkerVersions());
        FlowTalkersTopology.addTo(builder, serdes.talkers().flows(), serdes.windows(), serdes.talkers().coverage(),
                serdes.talkers().table(), flows,
                talkers, stats.flows(), stats.talkerVersions());
        // Last, so that the sub-topologies before it keep their numbers (task ids, state directories).
        CostTopology.addTo(windows, serdes.cost(), cost, stats.cost());
        // After the cost part, for the same reason: it reads back what the cost part writes.
        AlertsTopology.addTo(builder, serdes.cost(), serdes.alerts(), budgets, stats.alerts());
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

    /**
     * The final record of one window, with the gateway's inventory attributes (empty when the inventory
     * does not know it). Its internal/egress fields are derived from this window alone: they are right
     * for this window and wrong to add up (see {@link RawTotals}); a consumer that wants a longer period
     * sums the raw eth0/tunnel fields and derives once.
     */
    static SpokeBandwidthWindow toWindow(String gateway, Instant start, Instant end, RawTotals raw, String granularity,
                                         Gateway inventory) {
        Gateway g = inventory == null ? NOT_IN_INVENTORY : inventory;
        return new SpokeBandwidthWindow(gateway, granularity, start, end, g.getAccountName(), g.getVpcId(), g.getVpcName(),
                g.getVpcRegion(), g.getVendorName(), g.getTransitGwName(), g.getGroupName(), raw.eth0Rx(), raw.eth0Tx(),
                raw.tunnelRx(), raw.tunnelTx(), raw.internalRx(), raw.internalTx(), raw.egressRx(), raw.egressTx(),
                raw.resets());
    }

    /** The attributes of a gateway the inventory does not know: all empty. */
    private static final Gateway NOT_IN_INVENTORY = Gateway.newBuilder().setGwName("").setGwType("")
            .setAccountName("").setVpcId("").setVpcName("").setVpcRegion("").setVendorName("").setTransitGwName("")
            .setGroupName("").setTunnelInterfaces(List.of()).setObservedAt(Instant.EPOCH).build();
}
