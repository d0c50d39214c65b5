package io.egressmon.ingest;

import io.egressmon.ingest.copilot.CopilotClient;
import io.egressmon.ingest.counters.CounterPoller;
import io.egressmon.ingest.counters.SliceReader;
import io.egressmon.ingest.flowiq.FlowiqPoller;
import io.egressmon.ingest.inventory.InventoryPoller;
import io.egressmon.registry.SchemaRegistry;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.TopicSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest role: creates the topics, then runs the inventory poller, the counter poller and (unless
 * {@code EGRESSMON_FLOWIQ_ENABLED=false}) the FlowIQ poller against one CoPilot, through one
 * {@link CopilotClient}, on its own Vert.x instance.
 *
 * <pre>{@code
 * try (IngestService ingest = IngestService.start(IngestConfig.from(settings))) { ... }
 * }</pre>
 *
 * {@link #open} prepares everything without starting the timers, for tests and benchmarks that
 * drive {@link #refreshInventory()}, {@link #pollOnce()} and {@link #pollFlowiqOnce()} themselves.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final IngestConfig config;
    private final Vertx vertx;
    private final IngestStats stats;
    private final CopilotClient client;
    private final InventoryPoller inventory;
    private final CounterPoller counters;
    private final FlowiqPoller flowiq;
    private final Instant startedAt = Instant.now();
    private volatile boolean closed;

    private IngestService(IngestConfig config, Vertx vertx, IngestStats stats, CopilotClient client,
                          InventoryPoller inventory, CounterPoller counters, FlowiqPoller flowiq) {
        this.config = config;
        this.vertx = vertx;
        this.stats = stats;
        this.client = client;
        this.inventory = inventory;
        this.counters = counters;
        this.flowiq = flowiq;
    }

    /** Validates, creates topics, restores state and starts the pollers. */
    public static IngestService start(IngestConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static IngestService start(IngestConfig config, Clock clock) {
        IngestService service = open(config, clock);
        try {
            service.startPolling();
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /**
     * Validates, creates the topics, and restores the pollers' state from Kafka (blocking), without
     * starting any timer.
     */
    public static IngestService open(IngestConfig config, Clock clock) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers()))) {
            TopicSetup.ensureTopics(admin, config.kafka().partitions(), (short) config.kafka().replicationFactor());
        }
        Vertx vertx = Vertx.vertx();
        IngestStats stats = new IngestStats();
        CopilotClient client = null;
        InventoryPoller inventory = null;
        CounterPoller counters = null;
        FlowiqPoller flowiq = null;
        try {
            client = new CopilotClient(vertx, config.copilot(), stats);
            SchemaRegistry registry = new SchemaRegistryClient(config.kafka().schemaRegistryUrl());
            inventory = new InventoryPoller(vertx, config, client, registry, stats, clock);
            inventory.restore();
            SliceReader reader = new SliceReader(client::performance, config.poll().batchSize(), config.poll().bisectMinSlice());
            counters = new CounterPoller(vertx, config, reader, registry, inventory::spokes, stats, clock);
            counters.restore();
            if (config.flowiq().enabled()) {
                flowiq = new FlowiqPoller(vertx, config, client::fieldAgg, registry, inventory::spokes, stats, clock);
                flowiq.restore();
            }
            log.info("ingest ready: CoPilot {}, Kafka {}, counters from {}, FlowIQ {}", client.baseUrl(),
                    config.kafka().bootstrapServers(), counters.cursor(), flowiq == null ? "disabled" : "from " + flowiq.cursor());
            return new IngestService(config, vertx, stats, client, inventory, counters, flowiq);
        } catch (RuntimeException e) {
            closeQuietly(flowiq);
            closeQuietly(counters);
            closeQuietly(inventory);
            closeQuietly(client);
            vertx.close();
            throw e;
        }
    }

    /** Starts the inventory timer and the poll loops (which poll once the spokes are known). */
    public IngestService startPolling() {
        counters.start();
        if (flowiq != null) {
            flowiq.start();
        }
        inventory.start(() -> {
            counters.kick();
            if (flowiq != null) {
                flowiq.kick();
            }
        });
        return this;
    }

    /** Refreshes the inventory now. */
    public Future<InventoryPoller.RefreshOutcome> refreshInventory() {
        return inventory.refresh();
    }

    /** Polls the next due slice now, refreshing the inventory first if it was never loaded. */
    public Future<CounterPoller.SliceOutcome> pollOnce() {
        Future<?> ready = inventory.spokes().isPresent() ? Future.succeededFuture() : inventory.refresh();
        return ready.compose(v -> counters.pollOnce());
    }

    /** Polls the next due FlowIQ slice now, refreshing the inventory first if it was never loaded. */
    public Future<FlowiqPoller.SliceOutcome> pollFlowiqOnce() {
        FlowiqPoller poller = flowiq();
        Future<?> ready = inventory.spokes().isPresent() ? Future.succeededFuture() : inventory.refresh();
        return ready.compose(v -> poller.pollOnce());
    }

    /** When this ingest was opened: the health's last contact with Kafka before the first commit. */
    public Instant startedAt() {
        return startedAt;
    }

    public IngestStats stats() {
        return stats;
    }

    public CounterPoller counters() {
        return counters;
    }

    /** The inventory poller (its last refresh is the inventory's watermark on {@code /metrics}). */
    public InventoryPoller inventory() {
        return inventory;
    }

    /** The ingest's settings (the backfill length tells {@code /metrics} how far a catch-up has come). */
    public IngestConfig config() {
        return config;
    }

    /** True unless {@code EGRESSMON_FLOWIQ_ENABLED=false}. */
    public boolean flowiqEnabled() {
        return flowiq != null;
    }

    /** The FlowIQ poller; throws when FlowIQ is disabled. */
    public FlowiqPoller flowiq() {
        if (flowiq == null) {
            throw new IllegalStateException("the FlowIQ ingest is disabled (" + FlowiqSettings.ENABLED.name() + "=false)");
        }
        return flowiq;
    }

    /** Stops the timers, lets a commit in progress finish (a slice still being read is not written), closes everything. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(flowiq);
        closeQuietly(counters);
        closeQuietly(inventory);
        closeQuietly(client);
        stats.kafkaClients().close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("closing Vert.x: {}", e.toString());
        }
        log.info("ingest stopped: {}", stats);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.warn("closing {}: {}", c.getClass().getSimpleName(), e.toString());
        }
    }
}
