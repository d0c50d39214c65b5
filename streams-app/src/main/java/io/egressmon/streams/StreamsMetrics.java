package io.egressmon.streams;

import io.egressmon.api.KafkaReach;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.alerts.webhook.Webhook;
import io.egressmon.streams.alerts.webhook.WebhookStats;
import io.egressmon.streams.counters.TopologyStats;
import io.egressmon.streams.web.ScrapeCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.StoreSafeKafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams app's {@code /metrics} (docs/metrics.md), served by the REST API: the JVM and the
 * process, Kafka Streams' own metrics (Micrometer's Kafka binder, {@link StoreSafeKafkaStreamsMetrics}) but its per-store ones, and ours, read at scrape time
 * from what {@code /health} already shows: every counter of {@link TopologyStats} (and its talkers
 * and flows parts) lands in exactly one family — records read or written per topic, dropped by
 * reason, flows, or topology events — plus the instance's health (running, Kafka reachable, lag).
 * Before Kafka Streams is attached its gauges read NaN.
 */
public final class StreamsMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsMetrics.class);

    /**
     * How often the Kafka Streams binder looks for metrics that appeared (tasks assigned, stores
     * opened) or went; Micrometer's default is a minute, too long for tasks to show after a start.
     */
    private static final Duration KAFKA_REFRESH = Duration.ofSeconds(10);
    /** How often the lag gauge (and {@code /health}'s lag) looks for the partitions' lag metrics again. */
    private static final Duration RESCAN = Duration.ofSeconds(5);
    /**
     * The same while Kafka Streams is not RUNNING or an active input partition has no fetch lag yet: the
     * commit pacer counts that as catching up, and should see the lag as soon as it is known.
     */
    private static final Duration RESCAN_UNSETTLED = Duration.ofMillis(250);
    /** The prefix of Kafka Streams' per-store metrics, left out (see the constructor). */
    static final String STORE_METRICS = "kafka.stream.state";
    /** Per-partition consumer metrics left out (see the constructor). */
    static final Set<String> FETCH_REDUNDANT = Set.of("kafka.consumer.fetch.manager.records.lead",
            "kafka.consumer.fetch.manager.records.lag.max", "kafka.consumer.fetch.manager.records.lag.avg",
            "kafka.consumer.fetch.manager.preferred.read.replica");

    /** Counter name → the topic it counts records read from. */
    static final Map<String, String> READ = Map.of(
            "snapshots", Topics.COUNTER_SNAPSHOTS.name(),
            "talker_records", Topics.TALKER_BYTES.name(),
            "flow_batches", Topics.FLOW_RECORDS.name(),
            "alert_cost_records", Topics.COST_SPOKE_HOURS.name());
    /** Counter name → the topic it counts records written to. */
    static final Map<String, String> WRITTEN = Map.of(
            "windows", Topics.SPOKE_WINDOWS.name(),
            "talker_top_n", Topics.TALKERS_TOP_N.name(),
            "coverage_hours", Topics.FLOW_COVERAGE.name(),
            "cost_records", Topics.COST_SPOKE_HOURS.name(),
            "alerts_raised", Topics.ALERTS.name());
    /** Counters of input skipped or not counted where it belonged: the reasons of the dropped family. */
    static final Set<String> DROPPED = Set.of("malformed_snapshots", "duplicate_snapshots", "null_readings",
            "negative_readings", "late_pieces_5m", "late_pieces_1h", "malformed_talker_records", "talker_bad_ips",
            "late_talker_records_1h", "late_talker_records_1d", "malformed_flow_batches", "bad_flows",
            "late_flow_pieces_1m", "late_flow_pieces_1h", "late_flow_pieces_1d", "flow_table_dropped",
            "cost_unpriced_windows", "cost_unkeyable_windows", "alert_malformed_costs", "malformed_inventory");
    static final String FLOWS = "flows";

    /** Filtered before anything registers a meter (the scrape cache does, below), as Micrometer requires. */
    private final PrometheusMeterRegistry registry = filtered(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    private final ScrapeCache scrapes = new ScrapeCache(registry);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final ScheduledExecutorService kafkaRefresh = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "egressmon-metrics-refresh");
        t.setDaemon(true);
        return t;
    });
    private final StreamsHealth health;
    private volatile KafkaStreams streams;
    private StoreSafeKafkaStreamsMetrics kafkaStreams;

    StreamsMetrics(TopologyStats stats, StreamsHealth health, WebhookStats webhooks) {
        this.health = health;
        for (MeterBinder b : new MeterBinder[] {new JvmMemoryMetrics(), gc, new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics()}) {
            b.bindTo(registry);
        }
        topology(registry, stats.readings());
        topology(registry, stats.talkers().readings());
        topology(registry, stats.flows().readings());
        topology(registry, stats.cost().readings());
        topology(registry, stats.alerts().readings());
        health(health);
        if (webhooks != null) {
            webhooks(registry, webhooks);
        }
    }

    private static PrometheusMeterRegistry filtered(PrometheusMeterRegistry registry) {
        // Kafka Streams' per-store metrics (RocksDB's properties and the store's latencies, about fifty per
        // store and partition: some 5 000 of the 7 000 series of an instance with 6 partitions) made a
        // scrape 1.4 MB and 45 ms at the median; they stay in Kafka Streams' JMX metrics.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith(STORE_METRICS));
        // Per partition and consumer (main, restore, global), the fetch manager reports seven figures;
        // the lag itself stays (egressmon.streams.processing.lag adds what is fetched and not processed), its running max and
        // average, the lead and the preferred replica (one broker: none) go: 370-odd series of 1 700.
        for (String redundant : FETCH_REDUNDANT) {
            registry.config().meterFilter(MeterFilter.denyNameStartsWith(redundant));
        }
        // Per task and per processor node, Kafka Streams reports rates, latencies and end-to-end
        // lateness (560 of the 1 500 series left): a scrape's cost is per series, and a busy 2-core
        // machine made its tail 80 ms. The thread-level figures stay; of the task level, the records
        // dropped (a deserialization failure skipped) and the records still to restore.
        registry.config().meterFilter(MeterFilter.deny(id -> isFineGrained(id.getName())));
        return registry;
    }

    /** The alert deliverer's counts, per webhook by its number in EGRESSMON_ALERT_WEBHOOKS (a URL's path may be a token). */
    static void webhooks(MeterRegistry registry, WebhookStats stats) {
        for (Webhook w : stats.webhooks()) {
            String number = Integer.toString(w.number());
            FunctionCounter.builder("egressmon.streams.webhook.delivered", stats, s -> s.delivered(w.number()))
                    .description("Alerts a webhook accepted (2xx), tries again of an alert included")
                    .tag("webhook", number).register(registry);
            for (WebhookStats.Retry r : WebhookStats.Retry.values()) {
                FunctionCounter.builder("egressmon.streams.webhook.retried", stats, s -> s.retried(w.number(), r))
                        .description("Webhook tries that failed and were tried again, by reason")
                        .tag("webhook", number).tag("reason", r.label()).register(registry);
            }
            for (WebhookStats.Drop d : WebhookStats.Drop.values()) {
                FunctionCounter.builder("egressmon.streams.webhook.dropped", stats, s -> s.dropped(w.number(), d))
                        .description("Alerts not delivered to a webhook, by reason")
                        .tag("webhook", number).tag("reason", d.label()).register(registry);
            }
        }
        FunctionCounter.builder("egressmon.streams.webhook.alerts.done", stats, WebhookStats::alertsDone)
                .description("Alerts delivered to (or given up at) every webhook, their offset committed")
                .register(registry);
    }

    /** Kafka Streams' per-task and per-node metrics left out (see the constructor). */
    static boolean isFineGrained(String name) {
        return name.startsWith("kafka.stream.processor.node")
                || name.startsWith("kafka.stream.task") && !name.startsWith("kafka.stream.task.dropped.records")
                        && !name.startsWith("kafka.stream.task.restore.remaining.records");
    }

    /** Binds Kafka Streams' metrics and the gauges that read its state. */
    synchronized void attach(KafkaStreams streams) {
        this.streams = streams;
        kafkaStreams = new StoreSafeKafkaStreamsMetrics(streams, kafkaRefresh, KAFKA_REFRESH);
        kafkaStreams.bindTo(registry);
        kafkaRefresh.execute(this::rescan);
    }

    /** Looks for the lag and dropped-records metrics again, then in {@link #RESCAN}, or sooner while unsettled. */
    private void rescan() {
        try {
            health.rescan();
        } catch (RuntimeException e) {
            // A failed look keeps the last metrics found; thrown on, it would end the schedule.
            LOG.warn("could not look up Kafka Streams' lag and dropped-records metrics (what is shown keeps the partitions and tasks found before): {}",
                    e.toString());
        }
        if (!kafkaRefresh.isShutdown()) {
            kafkaRefresh.schedule(this::rescan, (health.settled() ? RESCAN : RESCAN_UNSETTLED).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The registry {@code GET /metrics} scrapes. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** {@code GET /metrics}' answer: the registry's text, rendered in the background. */
    public ScrapeCache scrapes() {
        return scrapes;
    }

    static void topology(MeterRegistry registry, Map<String, LongSupplier> readings) {
        readings.forEach((name, reading) -> {
            FunctionCounter.Builder<LongSupplier> b;
            if (READ.containsKey(name)) {
                b = counter("egressmon.streams.records.read", reading,
                        "Records the topology read, by topic (malformed and dropped ones included)").tag("topic", READ.get(name));
            } else if (WRITTEN.containsKey(name)) {
                b = counter("egressmon.streams.records.written", reading, "Final results the topology wrote, by topic")
                        .tag("topic", WRITTEN.get(name));
            } else if (DROPPED.contains(name)) {
                b = counter("egressmon.streams.dropped", reading,
                        "Input the topology skipped (malformed, duplicate) or could not count where it belonged (late), by reason")
                        .tag("reason", name);
            } else if (FLOWS.equals(name)) {
                b = counter("egressmon.streams.flows", reading, "Flows read from flows.records (their rate is the flows per second)");
            } else {
                b = counter("egressmon.streams.events", reading,
                        "Other things the topology counts (baselines, resets, evictions…), by event: the counts of /health")
                        .tag("event", name);
            }
            b.register(registry);
        });
    }

    private static FunctionCounter.Builder<LongSupplier> counter(String name, LongSupplier reading, String help) {
        return FunctionCounter.builder(name, reading, LongSupplier::getAsLong).description(help);
    }

    private void health(StreamsHealth health) {
        gauge("egressmon.streams.running", "1 while Kafka Streams is RUNNING (answers can be served), else 0",
                null, m -> m.streams == null ? Double.NaN : m.streams.state() == KafkaStreams.State.RUNNING ? 1 : 0);
        gauge("egressmon.streams.processing.lag", "Input records this instance's active tasks have not processed yet",
                "records", m -> {
                    Long lag = health.processingLagRecords();
                    return lag == null ? Double.NaN : lag;
                });
        gauge("egressmon.streams.kafka.reachable", "1 while Kafka answers the instance's watch, else 0", null, m -> {
            KafkaReach reach = health.kafka();
            return reach == null ? Double.NaN : reach.reachable() ? 1 : 0;
        });
        gauge("egressmon.streams.kafka.contact.age", "Seconds since Kafka last answered the instance's watch", "seconds",
                m -> {
                    KafkaReach reach = health.kafka();
                    return reach == null ? Double.NaN : reach.secondsSinceContact();
                });
    }

    private void gauge(String name, String help, String unit, ToDoubleFunction<StreamsMetrics> value) {
        Gauge.builder(name, this, value).description(help).baseUnit(unit).strongReference(true).register(registry);
    }

    @Override
    public synchronized void close() {
        scrapes.close();
        if (kafkaStreams != null) {
            kafkaStreams.close();
        }
        kafkaRefresh.shutdownNow();
        gc.close();
        registry.close();
    }
}
