package io.egressmon.streams.query;

import io.egressmon.report.GroupBy;
import io.egressmon.streams.counters.BandwidthTopology;
import io.egressmon.streams.counters.RawTotals;
import io.egressmon.streams.counters.TopologyStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers queries from Kafka Streams, correctly from any instance:
 * <ul>
 *   <li>all spokes: every instance that actively hosts partitions of the window stores is asked for
 *       the raw totals of exactly those partitions (this one locally, the others over
 *       {@value #PARTIAL_PATH}); the answers are merged only if every partition answered exactly
 *       once, else the query is {@link Unavailable};</li>
 *   <li>one gateway: answered here when this instance hosts the gateway's partition actively; the
 *       REST layer forwards it otherwise (see {@link #ownerElsewhere}).</li>
 * </ul>
 * Nothing is answered unless Kafka Streams is RUNNING.
 */
public final class StreamsQueries implements QueryBackend {
    /** The internal endpoint an instance asks the others for their partitions' totals. */
    public static final String PARTIAL_PATH = "/internal/v1/bandwidth/partial";
    /** How long a fan-out waits for another instance. */
    public static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(15);
    /** Kafka Streams' task-level metric of records dropped (deserialization errors, late or expired records). */
    static final String DROPPED_RECORDS_METRIC = "dropped-records-total";

    private final Vertx vertx;
    private final WebClient http;
    private final TopologyStats stats;
    private final StoreLayout layout;
    private final int partitionCount;
    private final Clock clock;
    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private volatile LocalStores local;

    /**
     * @param partitionCount the number of partitions of the window stores' source topic: a complete
     *                       answer covers all of them
     */
    public StreamsQueries(Vertx vertx, TopologyStats stats, StoreLayout layout, int partitionCount, Clock clock) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be at least 1, got " + partitionCount);
        }
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.http = WebClient.create(vertx);
        this.stats = Objects.requireNonNull(stats, "stats");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.partitionCount = partitionCount;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Connects the Kafka Streams client; until then every query is {@link Unavailable}. Separate from
     * the constructor because the REST server must be listening (its port known) before Kafka
     * Streams can be configured with {@code application.server}.
     *
     * @param self this instance's {@code application.server}
     */
    public void attach(KafkaStreams streams, HostInfo self) {
        this.self = Objects.requireNonNull(self, "self");
        this.local = new LocalStores(streams);
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    public int partitionCount() {
        return partitionCount;
    }

    @Override
    public String streamsState() {
        KafkaStreams s = streams;
        return s == null ? "NOT_STARTED" : s.state().name();
    }

    @Override
    public boolean running() {
        KafkaStreams s = streams;
        return s != null && s.state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public Map<String, Long> dropped() {
        Map<String, Long> out = new LinkedHashMap<>(stats.asMap());
        long droppedRecords = 0;
        KafkaStreams s = streams;
        if (s != null) {
            for (Map.Entry<MetricName, ? extends Metric> e : s.metrics().entrySet()) {
                if (e.getKey().name().equals(DROPPED_RECORDS_METRIC) && e.getValue().metricValue() instanceof Number n) {
                    droppedRecords += (long) n.doubleValue();
                }
            }
        }
        out.put("kafka_streams_dropped_records", droppedRecords);
        return out;
    }

    @Override
    public Future<List<GatewayInfo>> gateways() {
        LocalStores stores = requireRunning();
        return blocking(() -> List.copyOf(stores.inventory().values()));
    }

    @Override
    public Optional<String> ownerElsewhere(String gateway) {
        requireRunning();
        KeyQueryMetadata owner = keyMetadata(gateway);
        return owner.activeHost().equals(self) ? Optional.empty() : Optional.of(baseUrl(owner.activeHost()));
    }

    @Override
    public Future<BandwidthAnswer> bandwidth(Period period, String gateway, GroupBy groupBy) {
        LocalStores stores = requireRunning();
        PeriodPlan plan = PeriodPlan.of(period.start(), period.end(), PeriodPlan.fineSince(clock.instant()));
        if (gateway != null) {
            int partition = localPartitionOf(gateway);
            return blocking(() -> {
                Map<String, RawTotals> totals = plan.sum(stores.readerFor(gateway, partition));
                Map<String, GatewayInfo> inventory = new TreeMap<>();
                stores.gateway(gateway).ifPresent(info -> inventory.put(gateway, info));
                return BandwidthAnswer.assemble(plan, period.days(), totals, inventory, gateway, groupBy);
            });
        }
        return allPartitions(plan).compose(totals -> blocking(
                () -> BandwidthAnswer.assemble(plan, period.days(), totals, stores.inventory(), null, groupBy)));
    }

    @Override
    public Future<SeriesAnswer> series(Period period, String gateway, Step step) {
        LocalStores stores = requireRunning();
        PeriodPlan.Span range = SeriesAnswer.range(period, step, PeriodPlan.fineSince(clock.instant()));
        int partition = localPartitionOf(gateway);
        return blocking(() -> {
            NavigableMap<Instant, RawTotals> windows = stores.windowsOf(gateway, partition, step.grain(), range.from(), range.to());
            Optional<GatewayInfo> info = stores.gateway(gateway);
            if (info.isEmpty() && windows.isEmpty()) {
                throw new NotFound("gateway", "unknown gateway '" + gateway
                        + "': not in the inventory and no counters between " + range.from() + " and " + range.to());
            }
            return new SeriesAnswer(info.orElse(GatewayInfo.unknown(gateway)), step, range.from(), range.to(),
                    period.days(), SeriesAnswer.points(windows, range, step));
        });
    }

    @Override
    public Future<PartialAnswer> partial(PeriodPlan plan, Set<Integer> partitions) {
        LocalStores stores = requireRunning();
        String me = baseUrl(self);
        return blocking(() -> new PartialAnswer(me, partitions, plan.sum(stores.readerFor(partitions))));
    }

    /** Fans {@code plan} out to the active host of every partition and merges complete answers only. */
    private Future<Map<String, RawTotals>> allPartitions(PeriodPlan plan) {
        Map<HostInfo, Set<Integer>> owners;
        try {
            owners = activeOwners();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        List<Future<PartialAnswer>> answers = new ArrayList<>();
        owners.forEach((host, partitions) -> answers.add(
                host.equals(self) ? partial(plan, partitions) : remotePartial(host, plan, partitions)));
        return Future.all(answers).map(all -> {
            List<PartialAnswer> partials = all.list();
            return PartitionCoverage.merge(partitionCount, partials);
        });
    }

    /** Active partitions of the window stores by host, from the current metadata. */
    Map<HostInfo, Set<Integer>> activeOwners() {
        Collection<StreamsMetadata> metadata = streams.streamsMetadataForStore(BandwidthTopology.STORE_1H);
        Map<HostInfo, Set<Integer>> owners = new LinkedHashMap<>();
        for (StreamsMetadata m : metadata) {
            Set<Integer> partitions = m.topicPartitions().stream()
                    .filter(tp -> layout.sourceTopics().contains(tp.topic()))
                    .map(tp -> tp.partition())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!partitions.isEmpty()) {
                owners.merge(m.hostInfo(), partitions, (a, b) -> {
                    Set<Integer> union = new TreeSet<>(a);
                    union.addAll(b);
                    return union;
                });
            }
        }
        return owners;
    }

    private Future<PartialAnswer> remotePartial(HostInfo host, PeriodPlan plan, Set<Integer> partitions) {
        String url = baseUrl(host) + PARTIAL_PATH;
        String list = new TreeSet<>(partitions).stream().map(String::valueOf).collect(Collectors.joining(","));
        return http.getAbs(url)
                .addQueryParam("from", plan.start().toString())
                .addQueryParam("to", plan.end().toString())
                .addQueryParam("fine_since", plan.fineSince().toString())
                .addQueryParam("partitions", list)
                .timeout(REMOTE_TIMEOUT.toMillis())
                .send()
                .recover(e -> Future.failedFuture(new Unavailable("instance " + baseUrl(host)
                        + " did not answer for partitions " + list + ": " + e.getMessage(), e)))
                .compose(response -> answerOf(host, list, response));
    }

    private static Future<PartialAnswer> answerOf(HostInfo host, String partitions, HttpResponse<Buffer> response) {
        String who = baseUrl(host);
        if (response.statusCode() == 200) {
            return Future.succeededFuture(PartialAnswer.fromJson(response.bodyAsJsonObject()));
        }
        String message = messageOf(response);
        if (response.statusCode() == 503) {
            return Future.failedFuture(new Unavailable("instance " + who + " cannot answer for partitions "
                    + partitions + " now: " + message));
        }
        return Future.failedFuture(new IllegalStateException("instance " + who + " answered HTTP "
                + response.statusCode() + " for partitions " + partitions + ": " + message));
    }

    private static String messageOf(HttpResponse<Buffer> response) {
        try {
            JsonObject body = response.bodyAsJsonObject();
            if (body != null && body.getString("message") != null) {
                return body.getString("message");
            }
        } catch (RuntimeException ignored) {
            // not JSON: fall through to the raw text
        }
        String text = response.bodyAsString();
        return text == null ? "(no body)" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private int localPartitionOf(String gateway) {
        KeyQueryMetadata owner = keyMetadata(gateway);
        if (!owner.activeHost().equals(self)) {
            throw new Unavailable("gateway '" + gateway + "' is now hosted by " + baseUrl(owner.activeHost())
                    + ", not here; partitions are probably moving");
        }
        return owner.partition();
    }

    private KeyQueryMetadata keyMetadata(String gateway) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(BandwidthTopology.STORE_1H, gateway, Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner) || owner.activeHost() == null
                || owner.activeHost().port() < 0) {
            throw new Unavailable("the partition of gateway '" + gateway + "' has no active host right now (rebalancing)");
        }
        return owner;
    }

    private LocalStores requireRunning() {
        KafkaStreams s = streams;
        if (s == null) {
            throw new Unavailable("Kafka Streams has not started yet");
        }
        KafkaStreams.State state = s.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new Unavailable("Kafka Streams is " + state + ", not RUNNING"
                    + (state == KafkaStreams.State.REBALANCING ? " (partitions are being assigned)" : ""));
        }
        return local;
    }

    private <T> Future<T> blocking(Callable<T> work) {
        // Unordered: independent queries must not queue behind each other on one context.
        return vertx.executeBlocking(work, false);
    }

    static String baseUrl(HostInfo host) {
        String h = host.host();
        return "http://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + host.port();
    }
}
