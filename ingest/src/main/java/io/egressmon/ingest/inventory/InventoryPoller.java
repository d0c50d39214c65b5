package io.egressmon.ingest.inventory;

import io.egressmon.avro.Gateway;
import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestStats;
import io.egressmon.ingest.KafkaClients;
import io.egressmon.ingest.copilot.ControllerGateway;
import io.egressmon.ingest.copilot.CopilotClient;
import io.egressmon.registry.SchemaRegistry;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code copilot.inventory} in step with CoPilot: every {@code inventoryInterval} (and at start)
 * it reads the gateways and their routes, and for spokes only writes a {@code Gateway} record keyed by
 * {@code gw_name} when it differs from the last one written, and a tombstone for a spoke that is gone.
 * At start it reads the compacted topic, so a restart writes only what changed meanwhile.
 */
public final class InventoryPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InventoryPoller.class);

    /** What a refresh did. */
    public record RefreshOutcome(int gateways, int spokes, int updated, int tombstones) {
    }

    private final Vertx vertx;
    private final IngestConfig config;
    private final CopilotClient client;
    private final Topic<String, Gateway> inventory;
    private final IngestStats stats;
    private final Clock clock;
    private final Map<String, Object> consumerProps;
    private final Producer<String, byte[]> producer;
    private final Map<String, InventoryEntry> published = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Optional<Set<String>> spokes = Optional.empty();
    /** When the last refresh that wrote everything ended (CoPilot's clock as read here); null before the first. */
    private volatile Instant refreshedAt;
    private volatile boolean closed;
    private long timerId = -1;
    private Runnable onFirstLoad = () -> { };

    public InventoryPoller(Vertx vertx, IngestConfig config, CopilotClient client, SchemaRegistry registry,
                           IngestStats stats, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.client = client;
        this.inventory = Topics.INVENTORY.bind(registry);
        this.stats = stats;
        this.clock = clock;
        this.consumerProps = KafkaClients.consumerProps(config, "egressmon-ingest-inventory");
        this.producer = stats.kafkaClients().observe("inventory",
                new KafkaProducer<>(KafkaClients.producerProps(config, "egressmon-ingest-inventory", null)));
    }

    /** Blocking: reads what {@code copilot.inventory} holds now. */
    public void restore() {
        Map<String, InventoryEntry> current = KafkaClients.latestByKey(consumerProps, inventory,
                InventoryEntry::fromAvro, Duration.ofSeconds(60), stats);
        published.clear();
        published.putAll(current);
        log.info("inventory topic holds {} gateway(s)", current.size());
    }

    /** The spokes of the last successful refresh; empty until the first one. */
    public Optional<Set<String>> spokes() {
        return spokes;
    }

    /** When the last successful refresh ended; null before the first (the inventory's watermark on {@code /metrics}). */
    public Instant refreshedAt() {
        return refreshedAt;
    }

    /** What the topic holds (as far as this poller wrote or read it), by gateway. */
    public Map<String, InventoryEntry> published() {
        return Collections.unmodifiableMap(new TreeMap<>(published));
    }

    /** Reads the inventory from CoPilot and writes what changed. */
    public Future<RefreshOutcome> refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return Future.failedFuture(new IllegalStateException("an inventory refresh is already running"));
        }
        Future<List<ControllerGateway>> gateways = client.gateways();
        Future<Map<String, List<String>>> tunnels = client.tunnelInterfaces();
        return Future.all(gateways, tunnels)
                .compose(all -> vertx.executeBlocking(() -> apply(gateways.result(), tunnels.result())))
                .andThen(ar -> {
                    refreshing.set(false);
                    if (ar.succeeded()) {
                        refreshedAt = clock.instant();
                    } else {
                        stats.inventoryFailures.incrementAndGet();
                        log.warn("inventory refresh failed; trying again later: {}", ar.cause().getMessage());
                    }
                });
    }

    /** Blocking: compares with what was written and writes the differences. */
    private RefreshOutcome apply(List<ControllerGateway> gateways, Map<String, List<String>> tunnels) {
        Map<String, InventoryEntry> current = new TreeMap<>();
        for (ControllerGateway g : gateways) {
            if (g.isSpoke()) {
                current.put(g.gwName(), new InventoryEntry(g, tunnels.getOrDefault(g.gwName(), List.of())));
            }
        }
        boolean suspicious = gateways.isEmpty() && !published.isEmpty();
        if (suspicious) {
            // A controller hiccup, not the end of the estate: removing everything would lose the attributes.
            stats.unknownShapes.incrementAndGet();
            log.warn("CoPilot listed no gateways at all; the inventory is left as it is");
        } else {
            boolean first = spokes.isEmpty();
            spokes = Optional.of(Collections.unmodifiableSet(current.keySet()));
            if (first) {
                log.info("inventory: {} gateways, {} spokes", gateways.size(), current.size());
                onFirstLoad.run();
            }
        }
        Instant now = clock.instant();
        List<String> keys = new ArrayList<>();
        List<InventoryEntry> values = new ArrayList<>();
        for (InventoryEntry e : current.values()) {
            if (!e.equals(published.get(e.name()))) {
                keys.add(e.name());
                values.add(e);
            }
        }
        if (!suspicious) {
            for (String name : published.keySet()) {
                if (!current.containsKey(name)) {
                    keys.add(name);
                    values.add(null);
                }
            }
        }
        List<java.util.concurrent.Future<RecordMetadata>> sends = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            InventoryEntry e = values.get(i);
            byte[] value = inventory.serializeValue(e == null ? null : e.toAvro(now));
            sends.add(producer.send(new ProducerRecord<>(inventory.name(), keys.get(i), value)));
        }
        producer.flush();
        int updated = 0;
        int tombstones = 0;
        Exception failure = null;
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                failure = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the inventory", e);
            }
            InventoryEntry e = values.get(i);
            if (e == null) {
                published.remove(keys.get(i));
                tombstones++;
                stats.inventoryTombstones.incrementAndGet();
                log.info("inventory: spoke {} is gone", keys.get(i));
            } else {
                published.put(keys.get(i), e);
                updated++;
                stats.inventoryUpdates.incrementAndGet();
            }
        }
        if (updated + tombstones > 0) {
            log.info("inventory: {} spoke(s) written, {} removed ({} spokes)", updated, tombstones, current.size());
        }
        if (failure != null) {
            throw new IllegalStateException("could not write " + (sends.size() - updated - tombstones)
                    + " inventory record(s); they are written on the next refresh: " + failure.getMessage(), failure);
        }
        return new RefreshOutcome(gateways.size(), current.size(), updated, tombstones);
    }

    /**
     * Refreshes now and then every {@code inventoryInterval}; until the first refresh succeeds, every
     * {@code pollInterval}. {@code firstLoad} runs once, when the spokes are first known.
     */
    public synchronized void start(Runnable firstLoad) {
        this.onFirstLoad = firstLoad;
        if (spokes.isPresent()) {
            firstLoad.run();
        }
        schedule(0);
    }

    private synchronized void schedule(long delayMillis) {
        if (closed) {
            return;
        }
        timerId = vertx.setTimer(Math.max(1, delayMillis), id -> tick());
    }

    private void tick() {
        if (closed) {
            return;
        }
        refresh().onComplete(ar -> {
            Duration next = spokes.isEmpty() ? min(config.poll().interval(), config.poll().inventoryInterval()) : config.poll().inventoryInterval();
            schedule(next.toMillis());
        });
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
            }
        }
        // Bounded: during an outage the unsent records are lost here, and the next start compares
        // the compacted topic with CoPilot and writes them again.
        producer.close(Duration.ofSeconds(2));
    }
}
