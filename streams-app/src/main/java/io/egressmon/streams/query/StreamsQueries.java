package io.egressmon.streams.query;

import io.egressmon.api.BadParameter;
import io.egressmon.api.cost.CostAnswer;
import io.egressmon.api.cost.CostPartial;
import io.egressmon.api.cost.CostPartialRequest;
import io.egressmon.api.cost.CostRequest;
import io.egressmon.cost.CostCenter;

import io.egressmon.api.CoveredPartitions;
import io.egressmon.api.Endpoints;
import io.egressmon.api.GatewaysAnswer;
import io.egressmon.api.InventoryGateway;
import io.egressmon.api.NotFound;
import io.egressmon.api.Period;
import io.egressmon.api.QueryString;
import io.egressmon.api.Unavailable;
import io.egressmon.api.alerts.AlertsAnswer;
import io.egressmon.api.alerts.AlertsPartial;
import io.egressmon.api.alerts.AlertsPartialRequest;
import io.egressmon.api.alerts.AlertsRequest;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.BandwidthPartial;
import io.egressmon.api.bandwidth.BandwidthPartialRequest;
import io.egressmon.api.bandwidth.BandwidthRequest;
import io.egressmon.api.bandwidth.GatewayPeriod;
import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.api.bandwidth.SeriesAnswer;
import io.egressmon.api.bandwidth.SeriesRequest;
import io.egressmon.api.talkers.TalkersPartial;
import io.egressmon.api.talkers.TalkersPartialRequest;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.api.coverage.CoverageAnswer;
import io.egressmon.api.coverage.CoverageRequest;
import io.egressmon.api.coverage.CoveragePartial;
import io.egressmon.api.coverage.CoveragePartialRequest;
import io.egressmon.api.flows.FlowsAnswer;
import io.egressmon.api.flows.FlowsPartial;
import io.egressmon.api.flows.FlowsPartialRequest;
import io.egressmon.api.flows.FlowsRequest;
import io.egressmon.api.talkers.TalkerSource;
import io.egressmon.cost.BudgetConfig;
import io.egressmon.streams.flows.FlowSettings;
import io.egressmon.api.talkers.TopTalkersRequest;
import io.egressmon.streams.counters.BandwidthTopology;
import io.egressmon.streams.counters.TopologyStats;
import io.egressmon.streams.talkers.TalkerSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers queries from Kafka Streams, correctly from any instance:
 * <ul>
 *   <li>all spokes: every instance that actively hosts partitions of the window stores is asked for
 *       its part of exactly those partitions (this one locally, the others through the
 *       {@link InstanceClient}); the parts are merged only if every partition answered exactly once,
 *       else the query is {@link Unavailable};</li>
 *   <li>one gateway: answered here when this instance hosts the gateway's partition actively, else
 *       asked of the instance that does.</li>
 * </ul>
 * Top talkers work the same way over the talkers stores, which form their own sub-topology (their
 * own {@link StoreFamily}). Nothing is answered unless Kafka Streams is RUNNING.
 */
public final class StreamsQueries implements QueryBackend {
    private final Vertx vertx;
    private final InstanceClient instances;
    /** How many bandwidth partials are kept: each about 100 bytes per gateway of its partitions. */
    private static final int KEPT_PERIODS = 16;
    /** Bandwidth partials of this instance by what they read: a few periods asked again and again (dashboards). */
    private final VersionedLru<PeriodKey, BandwidthPartial> keptPeriods = new VersionedLru<>(KEPT_PERIODS, partial -> 1);
    private final TopologyStats stats;
    private final StoreFamily bandwidthStores;
    private final StoreFamily talkerStores;
    private final StoreFamily flowTalkerStores;
    private final StoreFamily costStores;
    /** The budgets file's cost centers, by name: {@code cost_center=} and {@code group_by=cost_center}. */
    private final Map<String, CostCenter> costCenters;
    /** The latest end of a FlowIQ day slice any instance reported: hourly windows before it hold whole days. */
    private final AtomicReference<Instant> coarseUntil = new AtomicReference<>(Instant.EPOCH);
    private final int talkerCapacity;
    private final FlowSettings flowSettings;
    private final String copilotFlowiqUrl;
    private final Clock clock;
    private final GlobalTalkers globalTalkers;
    private final GlobalParts.Kept globalParts = new GlobalParts.Kept(GlobalTalkers.MAX_PARTIALS);
    /** The alert stores and the budgets they judge; null when this instance was given none (alerts unavailable). */
    private volatile StoreFamily alertStores;
    private volatile BudgetConfig budgets = BudgetConfig.NONE;
    private volatile KafkaStreams streams;
    private volatile Owners owners;
    private volatile LocalStores local;

    /**
     * @param talkerCapacity   the bound of every talker table this instance merges
     * @param copilotFlowiqUrl CoPilot's FlowIQ page for the top-talkers answers; empty when unknown
     */
    public StreamsQueries(Vertx vertx, TopologyStats stats, StoreFamily bandwidthStores, StoreFamily talkerStores,
                          StoreFamily flowTalkerStores, StoreFamily costStores, Map<String, CostCenter> costCenters,
                          int talkerCapacity, FlowSettings flowSettings, String copilotFlowiqUrl, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.instances = new InstanceClient(vertx);
        this.stats = Objects.requireNonNull(stats, "stats");
        this.bandwidthStores = Objects.requireNonNull(bandwidthStores, "bandwidthStores");
        this.talkerStores = Objects.requireNonNull(talkerStores, "talkerStores");
        this.flowTalkerStores = Objects.requireNonNull(flowTalkerStores, "flowTalkerStores");
        this.costStores = Objects.requireNonNull(costStores, "costStores");
        this.costCenters = Map.copyOf(costCenters);
        if (talkerCapacity < TalkerSettings.MIN_CAPACITY) {
            throw new IllegalArgumentException("talkerCapacity must be at least " + TalkerSettings.MIN_CAPACITY
                    + ", got " + talkerCapacity);
        }
        this.talkerCapacity = talkerCapacity;
        this.flowSettings = Objects.requireNonNull(flowSettings, "flowSettings");
        this.copilotFlowiqUrl = copilotFlowiqUrl == null ? "" : copilotFlowiqUrl;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.globalTalkers = new GlobalTalkers(stats.talkerVersions());
    }

    /** Answers alerts from {@code stores} (the alerts part's, keyed by scope), with the budgets they judge. */
    public StreamsQueries withAlerts(StoreFamily stores, BudgetConfig budgets) {
        this.alertStores = Objects.requireNonNull(stores, "stores");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        return this;
    }

    /**
     * Connects the Kafka Streams client; until then every query is {@link Unavailable}. Separate from
     * the constructor because the REST server must be listening (its port known) before Kafka
     * Streams can be configured with {@code application.server}.
     *
     * @param self this instance's {@code application.server}
     */
    public void attach(KafkaStreams streams, HostInfo self) {
        this.owners = new Owners(streams, self);
        this.local = new LocalStores(streams, stats.inventoryVersion());
        this.streams = Objects.requireNonNull(streams, "streams");
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
        out.putAll(stats.flows().asMap());
        out.putAll(stats.cost().asMap());
        out.putAll(stats.alerts().asMap());
        return out;
    }

    @Override
    public Future<Optional<Instant>> counterProgress() {
        LocalStores stores = requireRunning();
        Set<Integer> mine = owners.active(bandwidthStores).getOrDefault(owners.self(), Set.of());
        return blocking(() -> stores.progress(mine).values().stream().min(Instant::compareTo));
    }

    @Override
    public Future<GatewaysAnswer> gateways() {
        LocalStores stores = requireRunning();
        return blocking(() -> new GatewaysAnswer(List.copyOf(stores.inventory().values())));
    }

    @Override
    public Future<BandwidthAnswer> bandwidth(BandwidthRequest request, Period period, boolean forwarded) {
        LocalStores stores = requireRunning();
        Instant now = clock.instant();
        PeriodPlan plan = PeriodPlan.of(period.start(), period.end(), PeriodPlan.fineSince(now));
        String gateway = request.gateway();
        if (gateway == null) {
            return allPartitions(plan).compose(totals -> blocking(() -> BandwidthAnswers.assemble(plan, period,
                    totals, stores.inventory(), null, request.groupBy(), now)));
        }
        return atOwner(bandwidthStores, gateway, forwarded, Endpoints.BANDWIDTH, request.toQuery(), BandwidthAnswer.class,
                partition -> BandwidthAnswers.assemble(plan, period, stores.read(plan, Set.of(partition), gateway).periods(),
                        inventoryOf(stores, gateway), gateway, request.groupBy(), now));
    }

    @Override
    public Future<SeriesAnswer> series(SeriesRequest request, Period period, boolean forwarded) {
        LocalStores stores = requireRunning();
        String gateway = request.gateway();
        PeriodPlan.Span range = SeriesPlan.range(period, request.step(), PeriodPlan.fineSince(clock.instant()));
        return atOwner(bandwidthStores, gateway, forwarded, Endpoints.SERIES, request.toQuery(), SeriesAnswer.class, partition -> {
            NavigableMap<Instant, RawTotals> windows = stores.windowsOf(gateway, partition, Grain.of(request.step()),
                    range.from(), range.to());
            Optional<InventoryGateway> info = stores.gateway(gateway);
            if (info.isEmpty() && windows.isEmpty()) {
                throw NotFound.unknownGateway(gateway, "counters", range.from(), range.to());
            }
            InventoryGateway known = info.orElse(InventoryGateway.unknown(gateway));
            return new SeriesAnswer(range.from(), range.to(), period.days(), request.step(), known.attributes(),
                    known.tunnelInterfaces(), SeriesPlan.points(windows, range, request.step()));
        });
    }

    @Override
    public Future<BandwidthPartial> bandwidthPartial(BandwidthPartialRequest request) {
        LocalStores stores = requireRunning();
        String me = owners.self();
        PeriodPlan plan = PeriodPlan.of(request.from(), request.to(), request.fineSince());
        return blocking(() -> bandwidthPartial(stores, me, plan, request.partitions()));
    }

    /**
     * What {@code partitions} hold of {@code plan}, kept until the counters of this instance change
     * ({@link TopologyStats#countersVersion()}): the same all-spokes question asked again between two
     * commits is answered from memory, once the partitions are checked to be still active here. Only
     * a part read wholly from the in-memory copies is kept (the last 35 days, once built): those change
     * only in the step that moves the version.
     */
    private BandwidthPartial bandwidthPartial(LocalStores stores, String me, PeriodPlan plan, Set<Integer> partitions) {
        long[] version = {stats.countersVersion().current()}; // before reading: see StateVersion
        PeriodKey key = new PeriodKey(plan.start(), plan.end(), plan.hourly(), plan.fine(), plan.partial(), partitions);
        BandwidthPartial kept = keptPeriods.get(key, version);
        if (kept != null) {
            stores.requireActive(BandwidthTopology.STORE_1H, partitions);
            return kept;
        }
        MemoryFirstReader.PeriodRead read = stores.read(plan, partitions, null);
        BandwidthPartial partial = new BandwidthPartial(me, partitions, read.periods());
        if (read.fromMemoryOnly()) {
            // A store is read as of the last commit, which lands after the version moved: not kept.
            keptPeriods.put(key, version, partial);
        }
        return partial;
    }

    /**
     * What a plan reads, without the 5-minute retention it was made with: two plans with the same
     * windows read the same, whatever moment each was made at.
     */
    private record PeriodKey(Instant start, Instant end, List<PeriodPlan.Span> hourly, List<PeriodPlan.Span> fine,
                             List<PeriodPlan.PartialHour> partial, Set<Integer> partitions) {
    }

    @Override
    public Future<TopTalkersAnswer> topTalkers(TopTalkersRequest request, Period period, boolean forwarded) {
        LocalStores stores = requireRunning();
        TalkerSource source = request.source();
        Instant now = clock.instant();
        StoreFamily family = source == TalkerSource.NETFLOW ? flowTalkerStores : talkerStores;
        String gateway = request.gateway();
        if (gateway == null) {
            Instant known = coarseUntil.get();
            TalkerPlan plan = talkerPlan(source, period, now, known);
            return talkersFanOut(family, request, plan).compose(partials -> {
                // A plan made before this instance knew of a later day slice would read hourly windows
                // that hold whole days: plan again with what the partials reported, and ask again.
                Instant reported = partials.stream().map(TalkersPartial::coarseUntil).filter(Objects::nonNull)
                        .max(Instant::compareTo).orElse(null);
                if (source == TalkerSource.FLOWIQ && reported != null && reported.isAfter(known)) {
                    coarseUntil.accumulateAndGet(reported, (a, b) -> a.isAfter(b) ? a : b);
                    TalkerPlan better = talkerPlan(source, period, now, reported);
                    if (!better.equals(plan)) {
                        return talkersFanOut(family, request, better).compose(again -> blocking(() ->
                                talkersAnswer(stores, request, period, better, again, now)));
                    }
                }
                return blocking(() -> talkersAnswer(stores, request, period, plan, partials, now));
            });
        }
        return atOwner(family, gateway, forwarded, Endpoints.TOP_TALKERS, request.toQuery(), TopTalkersAnswer.class,
                partition -> {
                    Map<String, InventoryGateway> inventory = inventoryOf(stores, gateway);
                    LocalStores.TalkerProgress progress = source == TalkerSource.FLOWIQ
                            ? stores.talkerProgress(Set.of(partition), gateway) : NO_PROGRESS;
                    TalkerPlan plan = talkerPlan(source, period, now, progress.coarseUntil());
                    TalkersPartial mine = TalkersPartials.collect(owners.self(), Set.of(partition), plan,
                            stores.talkerReader(gateway, partition), gateway,
                            TalkersPartials.grouping(request.perSpoke(), request.groupBy(), inventory), request.perSpoke(),
                            request.top(), talkerCapacity).withProgress(progress.dataUntil(), progress.coarseUntil());
                    return TalkersAnswers.assemble(request, period, plan, talkerCapacity, List.of(mine), inventory,
                            copilotFlowiqUrl, now);
                });
    }

    private static final LocalStores.TalkerProgress NO_PROGRESS = new LocalStores.TalkerProgress(Map.of(), null);

    /**
     * The all-spokes answer from every partition's partial: for the global question from what
     * {@link GlobalTalkers} keeps for the same partials, reading the inventory only if it must.
     */
    private TopTalkersAnswer talkersAnswer(LocalStores stores, TopTalkersRequest request, Period period, TalkerPlan plan,
                                           List<TalkersPartial> partials, Instant now) {
        if (TalkersAnswers.isGlobal(request)) {
            return TalkersAnswers.global(request, period, plan, globalParts.of(partials, talkerCapacity, request.top()),
                    stores::inventory, copilotFlowiqUrl, now);
        }
        return TalkersAnswers.assemble(request, period, plan, talkerCapacity, partials, stores.inventory(), copilotFlowiqUrl,
                now);
    }

    /**
     * The plan of a talkers period at {@code now}: for FlowIQ, hourly windows are trusted only after
     * the last day slice ({@code coarse}, null: none) as well as within their retention, so an edge
     * before it is answered on the day grid — exact, and said so.
     */
    private static TalkerPlan talkerPlan(TalkerSource source, Period period, Instant now, Instant coarse) {
        Instant hourlySince = TalkerPlan.hourlySince(now);
        if (source == TalkerSource.FLOWIQ && coarse != null && coarse.isAfter(hourlySince)) {
            hourlySince = coarse;
        }
        return TalkerPlan.of(source, period.start(), period.end(), hourlySince,
                source == TalkerSource.NETFLOW ? TalkerPlan.minuteSince(now) : null);
    }

    private Future<List<TalkersPartial>> talkersFanOut(StoreFamily family, TopTalkersRequest request, TalkerPlan plan) {
        return fanOut(family, (host, partitions) -> {
            TalkersPartialRequest part = new TalkersPartialRequest(plan.start(), plan.end(), plan.hourlySince(),
                    partitions, request.top(), request.perSpoke(), request.groupBy(), plan.source(), plan.minuteSince());
            return host.equals(owners.self()) ? talkersPartial(part) : instances.talkersPartial(host, part);
        });
    }

    @Override
    public Future<TalkersPartial> talkersPartial(TalkersPartialRequest request) {
        LocalStores stores = requireRunning();
        String me = owners.self();
        TalkerPlan plan = TalkerPlan.of(request.source(), request.from(), request.to(), request.hourlySince(),
                request.minuteSince());
        boolean flowiq = request.source() == TalkerSource.FLOWIQ;
        return blocking(() -> {
            if (!request.perSpoke() && request.groupBy() == null) {
                // What is kept answers without reading the stores: first check the partitions are still ours.
                stores.requireActive(plan.storeSpans().get(0).store(), request.partitions());
                return globalTalkers.collect(me, request.partitions(), plan, talkerCapacity, stores.talkerPartitionReader(),
                        flowiq ? partitions -> stores.talkerProgress(partitions, null) : null, clock.instant());
            }
            LocalStores.TalkerProgress progress = flowiq ? stores.talkerProgress(request.partitions(), null) : NO_PROGRESS;
            Map<String, InventoryGateway> inventory = request.groupBy() == null ? Map.of() : stores.inventory();
            return TalkersPartials.collect(me, request.partitions(), plan, stores.talkerReader(request.partitions()), null,
                    TalkersPartials.grouping(request.perSpoke(), request.groupBy(), inventory), request.perSpoke(),
                    request.top(), talkerCapacity).withProgress(progress.dataUntil(), progress.coarseUntil());
        });
    }

    /**
     * Cost: the cost stores are partitioned by billing account, not gateway, so every question (one
     * gateway's too) asks every instance for its part, filtered there, and merges the parts here.
     */
    @Override
    public Future<CostAnswer> cost(CostRequest request, Period period) {
        LocalStores stores = requireRunning();
        requireCostCenter(request.costCenter());
        Period covered = CostAnswers.hourly(period);
        boolean needsInventory = request.gateway() != null
                || (request.groupBy() != null && !request.groupBy().byCostCenter());
        return fanOut(costStores, (host, partitions) -> {
            CostPartialRequest part = new CostPartialRequest(covered.start(), covered.end(), request.gateway(),
                    request.costCenter(), partitions);
            return host.equals(owners.self()) ? costPartial(part) : instances.costPartial(host, part);
        }).compose(partials -> blocking(() -> CostAnswers.assemble(request, period, covered, partials,
                needsInventory ? stores.inventory() : Map.of(), costCenters)));
    }

    @Override
    public Future<CostPartial> costPartial(CostPartialRequest request) {
        LocalStores stores = requireRunning();
        requireCostCenter(request.costCenter());
        String me = owners.self();
        return blocking(() -> CostPartials.collect(me, request, stores::costReader, costCenters));
    }

    /** @throws BadParameter naming {@code cost_center} when the budgets file does not define it */
    private void requireCostCenter(String name) {
        if (name != null && !costCenters.containsKey(name)) {
            throw new BadParameter(CostRequest.COST_CENTER, "unknown cost center '" + name + "'; "
                    + (costCenters.isEmpty() ? "no cost centers are defined (the budgets file defines them, docs/budgets.md)"
                    : "expected one of " + String.join(", ", new java.util.TreeSet<>(costCenters.keySet()))));
        }
    }

    @Override
    public Future<CoverageAnswer> coverage(CoverageRequest request, Period period) {
        requireRunning();
        CoverageAnswers.Range range = CoverageAnswers.range(period, request.step(), clock.instant());
        if (range.empty()) {
            return Future.succeededFuture(CoverageAnswers.assemble(range, period.days(), flowSettings, Map.of(), Map.of(),
                    null));
        }
        Future<List<CoveragePartial>> flows = fanOut(flowTalkerStores, (host, partitions) -> coveragePartial(host,
                new CoveragePartialRequest(CoveragePartialRequest.FLOWS, range.from().minus(request.step().size()),
                        range.to(), request.step(), partitions)));
        Future<List<CoveragePartial>> counters = fanOut(bandwidthStores, (host, partitions) -> coveragePartial(host,
                new CoveragePartialRequest(CoveragePartialRequest.COUNTERS, range.from(), range.to(), request.step(),
                        partitions)));
        return Future.all(flows, counters).compose(both -> blocking(() -> {
            Map<String, SortedMap<Instant, Long>> flowSteps = new TreeMap<>();
            flows.result().forEach(p -> flowSteps.putAll(p.flowSteps()));
            Map<String, SortedMap<Instant, RawTotals>> counterSteps = new TreeMap<>();
            counters.result().forEach(p -> counterSteps.putAll(p.counterSteps()));
            return CoverageAnswers.assemble(range, period.days(), flowSettings, flowSteps, counterSteps, request.gateway());
        }));
    }

    /**
     * The live flow table of the last whole seconds: every instance hosting flow partitions is asked
     * for its part up to the same second.
     */
    @Override
    public Future<FlowsAnswer> flows(FlowsRequest request) {
        try {
            requireRunning();
        } catch (Unavailable e) {
            return Future.failedFuture(e);
        }
        Instant to = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return fanOut(flowTalkerStores, (host, partitions) -> {
            FlowsPartialRequest part = new FlowsPartialRequest(request, to, partitions);
            return host.equals(owners.self()) ? flowsPartial(part) : instances.flowsPartial(host, part);
        }).map(partials -> FlowsAnswer.of(request, to, partials));
    }

    @Override
    public Future<FlowsPartial> flowsPartial(FlowsPartialRequest request) {
        LocalStores stores = requireRunning();
        return blocking(() -> stores.flows(owners.self(), request));
    }

    private Future<CoveragePartial> coveragePartial(String host, CoveragePartialRequest request) {
        return host.equals(owners.self()) ? coveragePartial(request) : instances.coveragePartial(host, request);
    }

    @Override
    public Future<CoveragePartial> coveragePartial(CoveragePartialRequest request) {
        LocalStores stores = requireRunning();
        return blocking(() -> stores.coverageWindows(owners.self(), request));
    }

    @Override
    public Future<AlertsAnswer> alerts(AlertsRequest request) {
        StoreFamily family = alertStores;
        if (family == null) {
            return QueryBackend.super.alerts(request);
        }
        requireRunning();
        Instant now = clock.instant();
        BudgetConfig config = budgets;
        return fanOut(family, (host, partitions) -> {
            AlertsPartialRequest part = new AlertsPartialRequest(request.month(), now, partitions);
            return host.equals(owners.self()) ? alertsPartial(part) : instances.alertsPartial(host, part);
        }).map(partials -> AlertsAnswers.assemble(request, partials, config, now));
    }

    @Override
    public Future<AlertsPartial> alertsPartial(AlertsPartialRequest request) {
        if (alertStores == null) {
            return QueryBackend.super.alertsPartial(request);
        }
        LocalStores stores = requireRunning();
        BudgetConfig config = budgets;
        return blocking(() -> AlertsAnswers.partial(owners.self(), request, stores, config));
    }

    /**
     * A one-gateway answer: asked of the instance that actively hosts the gateway's partition of
     * {@code stores}, or worked out here from that partition when this instance is the one.
     */
    private <A> Future<A> atOwner(StoreFamily stores, String gateway, boolean forwarded, String path, QueryString query,
                                  Class<A> answerType, IntFunction<A> fromPartition) {
        Owners.Placement at = owners.placement(stores, gateway);
        if (at.elsewhere() != null) {
            return instances.forward(at.elsewhere(), gateway, forwarded, path, query, answerType);
        }
        return blocking(() -> fromPartition.apply(at.partition()));
    }

    /** The one gateway's inventory entry, if the inventory has it. */
    private static Map<String, InventoryGateway> inventoryOf(LocalStores stores, String gateway) {
        Map<String, InventoryGateway> inventory = new TreeMap<>();
        stores.gateway(gateway).ifPresent(info -> inventory.put(gateway, info));
        return inventory;
    }

    /** Raw totals per gateway over {@code plan} from every partition, each exactly once. */
    private Future<Map<String, GatewayPeriod>> allPartitions(PeriodPlan plan) {
        return fanOut(bandwidthStores, (host, partitions) -> {
            BandwidthPartialRequest part = new BandwidthPartialRequest(plan.start(), plan.end(), plan.fineSince(), partitions);
            return host.equals(owners.self()) ? bandwidthPartial(part) : instances.bandwidthPartial(host, part);
        }).map(partials -> PartitionCoverage.merge(bandwidthStores.partitionCount(), partials));
    }

    /**
     * Asks the active host of every partition of {@code stores} for its part, and succeeds only when
     * the answers cover every partition exactly once.
     */
    private <A extends CoveredPartitions> Future<List<A>> fanOut(StoreFamily stores,
                                                                 BiFunction<String, Set<Integer>, Future<A>> ask) {
        Map<String, Set<Integer>> active;
        try {
            active = owners.active(stores);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        List<Future<A>> answers = new ArrayList<>();
        active.forEach((host, partitions) -> answers.add(ask.apply(host, partitions)));
        return Future.all(answers).map(all -> {
            List<A> partials = all.list();
            PartitionCoverage.check(stores.partitionCount(), partials);
            return partials;
        });
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
}
