package io.egressmon.streams;

import io.egressmon.config.KafkaSettings;
import io.egressmon.cost.BudgetConfig;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.alerts.AlertsTopology;
import io.egressmon.streams.alerts.KnownGateways;
import io.egressmon.streams.alerts.webhook.AlertDeliverer;
import io.egressmon.streams.alerts.webhook.WebhookStats;
import io.egressmon.streams.cost.CostQueryStores;
import io.egressmon.streams.counters.BandwidthSerdes;
import io.egressmon.streams.counters.BandwidthTopology;
import io.egressmon.streams.counters.TopologyStats;
import io.egressmon.streams.flows.FlowTalkersTopology;
import io.egressmon.streams.talkers.TalkersTopology;
import io.egressmon.streams.query.StoreFamily;
import io.egressmon.streams.query.StoreLayout;
import io.egressmon.streams.query.StreamsQueries;
import io.egressmon.streams.web.RestApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streams-app instance: the topology (bandwidth and FlowIQ top talkers) in Kafka Streams and
 * the REST API over its stores. Several instances with the same application id share the partitions; each answers every
 * query correctly by asking the others (see {@link StreamsQueries}).
 *
 * <pre>{@code
 * try (StreamsApp app = StreamsApp.start(StreamsAppConfig.from(Settings.load(null, System.getenv(), Map.of())))) {
 *     // GET app.url() + "/api/v1/bandwidth?days=30"
 * }
 * }</pre>
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    /**
     * How long {@link #close()} lets Kafka Streams finish its commit and leave the group. A clean
     * close takes about a second; while Kafka is unreachable it would wait for the producer's
     * 60 s instead, so a stop during an outage gives up after this and leaves the state as a
     * crash would: the next start rebuilds it from the changelogs ({@link CleanStop}).
     */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RECONNECT_BACKOFF_MAX = Duration.ofSeconds(5);
    /** A broker outage Kafka Streams waits out in its commit, see {@link #streamsProperties}. */
    static final Duration OUTAGE_BRIDGED = Duration.ofMinutes(2);

    private final Vertx vertx;
    private final HttpServer server;
    private final KafkaStreams streams;
    private final BrokerWatch watch;
    private final StreamsMetrics metrics;
    /** Null when no webhook is configured. */
    private final AlertDeliverer deliverer;
    private final String url;
    private final Path temporaryStateDir;
    /** The state directory kept between runs (null when temporary), and whose application's state it holds. */
    private final Path keptStateDir;
    private final String applicationId;
    private final TopologyStats stats;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StreamsApp(Vertx vertx, HttpServer server, KafkaStreams streams, BrokerWatch watch, StreamsMetrics metrics,
                       AlertDeliverer deliverer, String url, Path temporaryStateDir, Path keptStateDir, String applicationId,
                       TopologyStats stats) {
        this.vertx = vertx;
        this.server = server;
        this.streams = streams;
        this.watch = watch;
        this.metrics = metrics;
        this.deliverer = deliverer;
        this.url = url;
        this.temporaryStateDir = temporaryStateDir;
        this.keptStateDir = keptStateDir;
        this.applicationId = applicationId;
        this.stats = stats;
    }

    /**
     * Validates {@code config}, creates missing topics, starts the REST API and then Kafka Streams.
     * Returns once both are started; queries answer 503 until Kafka Streams is RUNNING ({@code /ready}).
     *
     * @throws IllegalArgumentException when the configuration is invalid (the message says what to fix)
     * @throws IllegalStateException    when Kafka, the registry or the HTTP port cannot be used
     */
    public static StreamsApp start(StreamsAppConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * {@link #start(StreamsAppConfig)} with the clock queries are planned by ("the last N days",
     * which windows are still retained); tests pass a fixed one so answers do not depend on the day.
     */
    public static StreamsApp start(StreamsAppConfig config, Clock clock) {
        if (config.kafka().bootstrapServers() == null || config.kafka().schemaRegistryUrl() == null) {
            throw new IllegalArgumentException("the streams app needs Kafka and the schema registry: set "
                    + KafkaSettings.BOOTSTRAP_SERVERS.name() + " and " + KafkaSettings.SCHEMA_REGISTRY_URL.name());
        }
        Vertx vertx = null;
        HttpServer server = null;
        KafkaStreams streams = null;
        BrokerWatch watch = null;
        StreamsMetrics metrics = null;
        AlertDeliverer deliverer = null;
        Path temporaryStateDir = null;
        try {
            TopologyStats stats = new TopologyStats();
            SchemaRegistryClient registry = new SchemaRegistryClient(config.kafka().schemaRegistryUrl());
            BandwidthSerdes serdes = BandwidthSerdes.of(registry);
            BudgetConfig budgets = budgets(config, serdes);
            Topology topology = BandwidthTopology.build(serdes, config.talkers(), config.flows(), config.cost(), budgets, stats, clock);
            TopologyDescription description = topology.describe();
            StoreLayout layout = StoreLayout.of(description);
            StoreLayout talkersLayout = StoreLayout.talkers(description);
            StoreLayout flowsLayout = StoreLayout.flowTalkers(description);
            // The alert stores are partitioned by the repartition topic, which has as many partitions as
            // cost.spoke-hours, its source: counted there, as the internal topic may not exist yet.
            StoreLayout alertsLayout = new StoreLayout(Set.of(AlertsTopology.byScopeTopic(config.applicationId())));
            StoreLayout costLayout = StoreLayout.cost(description, config.applicationId());
            List<Integer> partitions = StoreTopics.prepare(config, List.of(layout, talkersLayout, flowsLayout,
                    new StoreLayout(Set.of(Topics.COST_SPOKE_HOURS.name()))));
            int storePartitions = partitions.get(0);

            vertx = Vertx.vertx();
            StreamsQueries queries = new StreamsQueries(vertx, stats,
                    new StoreFamily(BandwidthTopology.STORE_1H, layout, storePartitions),
                    new StoreFamily(TalkersTopology.STORE_1D, talkersLayout, partitions.get(1)),
                    new StoreFamily(FlowTalkersTopology.STORE_1D, flowsLayout, partitions.get(2)),
                    // The repartition topic by billing account does not exist before Kafka Streams
                    // creates it, with as many partitions as the counter snapshots' sub-topology.
                    new StoreFamily(CostQueryStores.ACCOUNT_MONTHS, costLayout, storePartitions),
                    // Cost centers: the budgets file's (merge of cost-query and alerts).
                    budgets.costCenters(),
                    config.talkers().capacity(), config.flows(), config.copilotFlowiqUrl(), clock)
                    .withAlerts(new StoreFamily(AlertsTopology.STORE_RAISED, alertsLayout, partitions.get(3)), budgets);
            watch = BrokerWatch.start(config.kafka().bootstrapServers(), config.applicationId() + "-watch");
            WebhookStats webhookStats = config.webhooks().enabled() ? new WebhookStats(config.webhooks().webhooks()) : null;
            StreamsHealth health = new StreamsHealth(watch, webhookStats);
            metrics = new StreamsMetrics(stats, health, webhookStats);
            Router router = RestApi.router(vertx, queries, health, clock, metrics.registry(), metrics.scrapes());
            server = await(vertx.createHttpServer().requestHandler(router).listen(config.httpPort(), config.httpHost()),
                    "start the REST API on " + config.httpHost() + ":" + config.httpPort());
            String url = config.advertisedUrlFor(server.actualPort());
            HostInfo self = hostInfo(url);

            Path stateDir = config.stateDir();
            if (stateDir == null) {
                stateDir = temporaryStateDir = Files.createTempDirectory("egressmon-streams-");
            }
            Properties props = streamsProperties(config, self, stateDir);
            // Unpaced, it still follows what the tasks take: /health's lag.
            CommitPacer pacer = new CommitPacer(config.commitInterval(), health::pacingInputs, config.paced());
            props.put(CommitPacer.CONFIG, pacer);
            health.lagFrom(pacer);
            if (temporaryStateDir == null) {
                CleanStop.prepare(stateDir, config.applicationId());
                props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                        StaticMember.id(stateDir, config.applicationId()));
            }
            streams = new KafkaStreams(topology, props);
            streams.setStateListener((now, before) -> LOG.info("Kafka Streams {} -> {}", before, now));
            streams.setUncaughtExceptionHandler(new ThreadDeaths()::decide);
            // Restoration and standby updates write below the talker stores' own layer: what queries
            // keep merged must know (WindowVersions).
            streams.setGlobalStateRestoreListener(stats.talkerVersions().restoreListener());
            streams.setStandbyUpdateListener(stats.talkerVersions().standbyListener());
            queries.attach(streams, self);
            health.attach(streams);
            metrics.attach(streams);
            streams.start();
            if (webhookStats != null) {
                deliverer = AlertDeliverer.start(config.kafka().bootstrapServers(),
                        config.applicationId() + StreamsAppConfig.WEBHOOKS_GROUP_SUFFIX, Topics.ALERTS.bind(registry),
                        config.webhooks(), webhookStats, Clock.systemUTC());
            }
            LOG.info("streams app {} listening on {}:{}, advertised as {}; state in {}; {} partitions",
                    config.applicationId(), config.httpHost(), server.actualPort(), url, stateDir, storePartitions);
            return new StreamsApp(vertx, server, streams, watch, metrics, deliverer, url, temporaryStateDir,
                    temporaryStateDir == null ? stateDir : null, config.applicationId(), stats);
        } catch (IOException e) {
            cleanUp(vertx, server, streams, watch, metrics, deliverer, temporaryStateDir, null, null);
            throw new UncheckedIOException("cannot create the state directory: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanUp(vertx, server, streams, watch, metrics, deliverer, temporaryStateDir, null, null);
            throw e;
        }
    }

    /**
     * The budgets file checked against the inventory as it is now (waiting for a first gateway), or
     * none without a file.
     *
     * @throws io.egressmon.config.ConfigException naming the file, line and fix of every problem
     */
    private static BudgetConfig budgets(StreamsAppConfig config, BandwidthSerdes serdes) {
        if (config.budgets().file() == null) {
            return BudgetConfig.NONE;
        }
        BudgetConfig budgets = config.budgets().load(KnownGateways.read(config.kafka().bootstrapServers(),
                config.applicationId() + "-inventory-at-start", serdes.inventory(), KnownGateways.WAIT));
        LOG.info("budgets from {}: {} budgets, {} cost centers", config.budgets().file(), budgets.budgets().size(),
                budgets.costCenters().size());
        return budgets;
    }

    /** The Kafka Streams configuration of an instance; public so tests and tools see what runs. */
    public static Properties streamsProperties(StreamsAppConfig config, HostInfo self, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Transactional state stores (KIP-892): a store's writes stay in a buffer until the
        // changelog transaction commits, and the changelog offset is written with them; queries
        // read committed state only. After a kill -9 the stores on disk cannot be trusted all the
        // same (a window store's offset can outlive its writes), so an unclean stop makes the next
        // start rebuild them from their changelogs (CleanStop).
        // Without it (Kafka Streams 4.3+ keeps the offset inside the store, KIP-1035), a window
        // store that holds no segment yet has no offset, and under EOS its whole task is treated
        // as corrupted on every start (logged at ERROR), and an unclean stop wipes every task.
        props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        // No JMX reporter (Kafka's default metric.reporters): every metric Kafka Streams and its
        // clients add re-registers a whole MBean, and a start adds thousands (every task's stores,
        // processors and RocksDB properties) — CPU a restart on two cores waits for
        // (docs/benchmarks.md, "Restart after kill -9"). The metrics stay in KafkaStreams#metrics(),
        // which /metrics and /health read.
        props.put(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
        // One produce request in flight per connection. With transactions v2 (KIP-890) a
        // transaction's first write to a partition can be refused with CONCURRENT_TRANSACTIONS
        // while the previous transaction's markers are still being written; the batches pipelined
        // behind it then reach a partition with no producer state and the broker rejects them with
        // a retriable OutOfOrderSequenceException, which it logs at ERROR (seen with the embedded
        // broker on changelogs). Nothing is lost — the producer resends in order — but the log
        // reads like a failure. Commits carry a second's worth of changes, so the pipelining
        // bought little.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
        // With one request in flight, what a round trip carries bounds the output: a backfill makes
        // a changelog record and a final window per window, hundreds of thousands a minute, and a
        // commit of the talkers part rewrites every changed talker table (tens of KB each, a
        // thousand of them). Big lz4 batches carry them in few requests and cut the broker's work
        // (docs/benchmarks.md); a request may carry up to 8 MiB, one batch per partition (a batch
        // stays below the broker's 1 MB message.max.bytes).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 10);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 8 * 1024 * 1024);
        // Ride out a broker outage of up to OUTAGE_BRIDGED instead of failing through it. By
        // default an open transaction times out after 10 s (Kafka Streams' EOS setting) and a
        // commit gives up after 60 s (max.block.ms): a broker away longer makes the coordinator
        // abort the transaction (the thread is then fenced: InvalidProducerEpochException) or the
        // commit time out (the tasks are declared corrupted and revived), each logged by Kafka
        // Streams at ERROR although nothing is lost. With both at OUTAGE_BRIDGED the stream thread
        // waits in its commit and goes on where it was. The cost: when an instance dies for good
        // with a transaction open and another takes its tasks over, reading those partitions
        // waits up to OUTAGE_BRIDGED for the transaction to be aborted (the same instance coming
        // back fences it at once: its transactional id is kept in the state directory).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int) OUTAGE_BRIDGED.toMillis());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_BLOCK_MS_CONFIG), (int) OUTAGE_BRIDGED.toMillis());
        // Restoring (the inventory's global store, changelogs) reads to an end offset; a fetch that
        // brings nothing, such as one at a transaction marker, waits fetch.max.wait.ms (500 ms)
        // each time, partition after partition: seconds of a restart (docs/benchmarks.md).
        props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 100);
        props.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 100);
        // Answers are read from committed state only: what a crash would keep.
        props.put(StreamsConfig.DEFAULT_INTERACTIVE_QUERY_ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.name());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.kafka().replicationFactor());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.numStandbyReplicas());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // While Kafka is away each client logs a WARN per connection attempt; backing off to 5 s
        // (default 1 s) keeps an outage readable in the log and costs at most 5 s once it is back.
        props.put(StreamsConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, (int) RECONNECT_BACKOFF_MAX.toMillis());
        // A record that cannot be read is skipped, logged, and counted in Kafka Streams'
        // dropped-records metric (shown on /health); it stays in its topic. Failing instead would
        // stop every partition behind one bad record.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        // The 5.0 default, opted into now: processing errors of the global (inventory) thread go
        // through the same handler as the stream threads'.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        if (config.kafkaCommitInterval() != null) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.kafkaCommitInterval().toMillis());
        }
        // All RocksDB stores share one bounded cache, memtables included (BoundedRocksDb says why).
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
        props.put(BoundedRocksDb.MEMORY_BYTES_CONFIG, Long.toString((long) config.rocksDbMemoryMib() << 20));
        return props;
    }

    /** The port the REST API listens on (the real one when configured with 0). */
    public int httpPort() {
        return server.actualPort();
    }

    /** The advertised base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return url;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** The topology's counts, as {@code /metrics} shows them: records processed, committed or not. */
    public TopologyStats stats() {
        return stats;
    }

    /**
     * Stops the REST API, the alert deliverer, then Kafka Streams (leaving the group, so its partitions
     * move at once), then Vert.x.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        cleanUp(vertx, server, streams, watch, metrics, deliverer, temporaryStateDir, keptStateDir, applicationId);
    }

    private static void cleanUp(Vertx vertx, HttpServer server, KafkaStreams streams, BrokerWatch watch, StreamsMetrics metrics,
                                AlertDeliverer deliverer, Path temporaryStateDir, Path keptStateDir, String applicationId) {
        if (server != null) {
            awaitStopped(server.close(), "the REST API");
        }
        if (deliverer != null) {
            // An alert still being sent is not committed: sent again at the next start.
            deliverer.close();
        }
        if (streams != null) {
            boolean closed = streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            if (!closed) {
                LOG.warn("Kafka Streams did not close within {} (is Kafka reachable?); stopping without its last "
                        + "commit: the next start rebuilds the local state from the changelogs", CLOSE_TIMEOUT);
            } else if (keptStateDir != null) {
                CleanStop.record(keptStateDir, applicationId);
            }
        }
        if (watch != null) {
            watch.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (vertx != null) {
            awaitStopped(vertx.close(), "Vert.x");
        }
        if (temporaryStateDir != null) {
            deleteRecursively(temporaryStateDir);
        }
    }

    private static HostInfo hostInfo(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new HostInfo(host, uri.getPort() >= 0 ? uri.getPort() : 80);
    }

    /** Waits for {@code what} to stop; a failure is logged, not thrown, so that the other parts still stop. */
    private static void awaitStopped(Future<Void> stopping, String what) {
        try {
            await(stopping, "stop " + what);
        } catch (RuntimeException e) {
            LOG.warn("{} did not stop cleanly: {}", what, e.toString());
        }
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot " + what + ": " + cause.getMessage(), cause);
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            CleanStop.delete(dir);
        } catch (IOException e) {
            LOG.warn("cannot remove temporary state directory {}: {}", dir, e.toString());
        }
    }
}
