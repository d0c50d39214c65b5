package io.egressmon.streams.query;

import io.egressmon.report.GroupBy;
import io.egressmon.streams.counters.BandwidthTopology;
import io.egressmon.streams.counters.RawTotals;
import io.egressmon.streams.counters.TopologyStats;
import io.egressmon.streams.talkers.TalkerSettings;
import io.egressmon.streams.talkers.TalkersTopology;
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
import java.util.function.BiFunction;
import java.util.function.Function;
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
 * Top talkers work the same way over the talkers stores ({@value #TALKERS_PARTIAL_PATH},
 * {@link #talkersOwnerElsewhere}), which form their own sub-topology: their partitions may have other
 * owners than the bandwidth stores' partitions of the same number, so each family of stores is asked
 * its own metadata. Nothing is answered unless Kafka Streams is RUNNING.
 */
public final class StreamsQueries implements QueryBackend {
    /** The internal endpoint an instance asks the others for their partitions' totals. */
    public static final String PARTIAL_PATH = "/internal/v1/bandwidth/partial";
    /** The internal endpoint an instance asks the others for their partitions' merged talker tables. */
    public static final String TALKERS_PARTIAL_PATH = "/internal/v1/talkers/partial";
    /** How long a fan-out waits for another instance. */
    public static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(15);
    /** Kafka Streams' task-level metric of records dropped (deserialization errors, late or expired records). */
    static final String DROPPED_RECORDS_METRIC = "dropped-records-total";

    private final Vertx vertx;
    private final WebClient http;
    private final TopologyStats stats;
    private final StoreFamily bandwidthStores;
    private final StoreFamily talkerStores;
    private final int talkerCapacity;
    private final Clock clock;
    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private volatile LocalStores local;

    /**
     * A family of window stores sharing a sub-topology.
     *
     * @param store          the store whose metadata names the owners
     * @param layout         the sub-topology's source topics
     * @param partitionCount the partitions of those topics: a complete answer covers all of them
     */
    private record StoreFamily(String store, StoreLayout layout, int partitionCount) {
        StoreFamily {
            Objects.requireNonNull(layout, "layout");
            if (partitionCount < 1) {
                throw new IllegalArgumentException("partitionCount must be at least 1, got " + partitionCount);
            }
        }
    }

    /**
     * @param layout           where the bandwidth window stores sit
     * @param partitionCount   the number of partitions of the bandwidth stores' source topic
     * @param talkersLayout    where the talkers window stores sit
     * @param talkerPartitions the number of partitions of {@code flowiq.talker-bytes}
     * @param talkerCapacity   the bound of every talker table this instance merges
     */
    public StreamsQueries(Vertx vertx, TopologyStats stats, StoreLayout layout, int partitionCount,
                          StoreLayout talkersLayout, int talkerPartitions, int talkerCapacity, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.http = WebClient.create(vertx);
        this.stats = Objects.requireNonNull(stats, "stats");
        this.bandwidthStores = new StoreFamily(BandwidthTopology.STORE_1H, layout, partitionCount);
        this.talkerStores = new StoreFamily(TalkersTopology.STORE_1D, talkersLayout, talkerPartitions);
        if (talkerCapacity < TalkerSettings.MIN_CAPACITY) {
            throw new IllegalArgumentException("talkerCapacity must be at least " + TalkerSettings.MIN_CAPACITY
                    + ", got " + talkerCapacity);
        }
        this.talkerCapacity = talkerCapacity;
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
        return bandwidthStores.partitionCount();
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
        out.putAll(stats.talkers().asMap());
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
        return ownerElsewhere(bandwidthStores, gateway);
    }

    @Override
    public Optional<String> talkersOwnerElsewhere(String gateway) {
        return ownerElsewhere(talkerStores, gateway);
    }

    private Optional<String> ownerElsewhere(StoreFamily stores, String gateway) {
        requireRunning();
        KeyQueryMetadata owner = keyMetadata(stores, gateway);
        return owner.activeHost().equals(self) ? Optional.empty() : Optional.of(baseUrl(owner.activeHost()));
    }

    @Override
    public Future<BandwidthAnswer> bandwidth(Period period, String gateway, GroupBy groupBy) {
        LocalStores stores = requireRunning();
        PeriodPlan plan = PeriodPlan.of(period.start(), period.end(), PeriodPlan.fineSince(clock.instant()));
        if (gateway != null) {
            int partition = localPartitionOf(bandwidthStores, gateway);
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
        int partition = localPartitionOf(bandwidthStores, gateway);
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

    @Override
    public Future<TalkersAnswer> topTalkers(TalkersQuery query) {
        LocalStores stores = requireRunning();
        TalkerPlan plan = TalkerPlan.of(query.period().start(), query.period().end(), TalkerPlan.hourlySince(clock.instant()));
        String gateway = query.gateway();
        if (gateway != null) {
            int partition = localPartitionOf(talkerStores, gateway);
            return blocking(() -> {
                Map<String, GatewayInfo> inventory = new TreeMap<>();
                stores.gateway(gateway).ifPresent(info -> inventory.put(gateway, info));
                TalkersPartial mine = TalkersPartial.collect(baseUrl(self), Set.of(partition), plan,
                        stores.talkerReader(gateway, partition), gateway,
                        TalkersPartial.grouping(query.perSpoke(), query.groupBy(), inventory), query.perSpoke(),
                        query.top(), talkerCapacity);
                return TalkersAnswer.assemble(query, plan, talkerCapacity, List.of(mine), inventory);
            });
        }
        return fanOut(talkerStores,
                partitions -> talkersPartial(plan, partitions, query.top(), query.perSpoke(), query.groupBy()),
                (host, partitions) -> remote(host, TALKERS_PARTIAL_PATH, talkersParameters(plan, query), partitions,
                        TalkersPartial::fromJson))
                .compose(partials -> blocking(() -> TalkersAnswer.assemble(query, plan, talkerCapacity, partials,
                        stores.inventory())));
    }

    @Override
    public Future<TalkersPartial> talkersPartial(TalkerPlan plan, Set<Integer> partitions, int top, boolean perSpoke,
                                                 GroupBy groupBy) {
        LocalStores stores = requireRunning();
        String me = baseUrl(self);
        return blocking(() -> {
            Map<String, GatewayInfo> inventory = groupBy == null ? Map.of() : stores.inventory();
            return TalkersPartial.collect(me, partitions, plan, stores.talkerReader(partitions), null,
                    TalkersPartial.grouping(perSpoke, groupBy, inventory), perSpoke, top, talkerCapacity);
        });
    }

    private static Map<String, String> talkersParameters(TalkerPlan plan, TalkersQuery query) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", plan.start().toString());
        params.put("to", plan.end().toString());
        params.put("hourly_since", plan.hourlySince().toString());
        params.put("top", String.valueOf(query.top()));
        params.put("per_spoke", String.valueOf(query.perSpoke()));
        if (query.groupBy() != null) {
            params.put("group_by", query.groupBy().key());
        }
        return params;
    }

    /** Fans {@code plan} out to the active host of every partition and merges complete answers only. */
    private Future<Map<String, RawTotals>> allPartitions(PeriodPlan plan) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", plan.start().toString());
        params.put("to", plan.end().toString());
        params.put("fine_since", plan.fineSince().toString());
        return fanOut(bandwidthStores, partitions -> partial(plan, partitions),
                (host, partitions) -> remote(host, PARTIAL_PATH, params, partitions, PartialAnswer::fromJson))
                .map(partials -> PartitionCoverage.merge(bandwidthStores.partitionCount(), partials));
    }

    /**
     * Asks the active host of every partition of {@code stores} for its part — this instance through
     * {@code local}, the others through {@code remote} — and succeeds only when the answers cover every
     * partition exactly once.
     */
    private <A extends CoveredPartitions> Future<List<A>> fanOut(StoreFamily stores, Function<Set<Integer>, Future<A>> local,
                                                                 BiFunction<HostInfo, Set<Integer>, Future<A>> remote) {
        Map<HostInfo, Set<Integer>> owners;
        try {
            owners = activeOwners(stores);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        List<Future<A>> answers = new ArrayList<>();
        owners.forEach((host, partitions) -> answers.add(
                host.equals(self) ? local.apply(partitions) : remote.apply(host, partitions)));
        return Future.all(answers).map(all -> {
            List<A> partials = all.list();
            PartitionCoverage.check(stores.partitionCount(), partials);
            return partials;
        });
    }

    /** Active partitions of the bandwidth window stores by host, from the current metadata. */
    Map<HostInfo, Set<Integer>> activeOwners() {
        return activeOwners(bandwidthStores);
    }

    private Map<HostInfo, Set<Integer>> activeOwners(StoreFamily stores) {
        Collection<StreamsMetadata> metadata = streams.streamsMetadataForStore(stores.store());
        Map<HostInfo, Set<Integer>> owners = new LinkedHashMap<>();
        for (StreamsMetadata m : metadata) {
            Set<Integer> partitions = m.topicPartitions().stream()
                    .filter(tp -> stores.layout().sourceTopics().contains(tp.topic()))
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

    private <A> Future<A> remote(HostInfo host, String path, Map<String, String> params, Set<Integer> partitions,
                                 Function<JsonObject, A> parse) {
        String url = baseUrl(host) + path;
        String list = new TreeSet<>(partitions).stream().map(String::valueOf).collect(Collectors.joining(","));
        var request = http.getAbs(url);
        params.forEach(request::addQueryParam);
        return request
                .addQueryParam("partitions", list)
                .timeout(REMOTE_TIMEOUT.toMillis())
                .send()
                .recover(e -> Future.failedFuture(new Unavailable("instance " + baseUrl(host)
                        + " did not answer for partitions " + list + ": " + e.getMessage(), e)))
                .compose(response -> answerOf(host, list, response, parse));
    }

    private static <A> Future<A> answerOf(HostInfo host, String partitions, HttpResponse<Buffer> response,
                                          Function<JsonObject, A> parse) {
        String who = baseUrl(host);
        if (response.statusCode() == 200) {
            return Future.succeededFuture(parse.apply(response.bodyAsJsonObject()));
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

    private int localPartitionOf(StoreFamily stores, String gateway) {
        KeyQueryMetadata owner = keyMetadata(stores, gateway);
        if (!owner.activeHost().equals(self)) {
            throw new Unavailable("gateway '" + gateway + "' is now hosted by " + baseUrl(owner.activeHost())
                    + ", not here; partitions are probably moving");
        }
        return owner.partition();
    }

    /**
     * The owner of {@code gateway}'s partition of {@code stores}. Asked with the plain gateway name
     * also for the talkers stores, whose keys are {@code gateway|ROLE}: those keys sit on the
     * partition of their gateway (the input topic's key), which is what this computes.
     */
    private KeyQueryMetadata keyMetadata(StoreFamily stores, String gateway) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(stores.store(), gateway, Serdes.String().serializer());
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
