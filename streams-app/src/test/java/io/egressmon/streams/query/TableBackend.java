package io.egressmon.streams.query;

import io.egressmon.api.Endpoints;
import io.egressmon.api.GatewaysAnswer;
import io.egressmon.api.InventoryGateway;
import io.egressmon.api.NotFound;
import io.egressmon.api.Period;
import io.egressmon.api.QueryString;
import io.egressmon.api.Unavailable;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.BandwidthPartial;
import io.egressmon.api.bandwidth.BandwidthPartialRequest;
import io.egressmon.api.bandwidth.BandwidthRequest;
import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.api.bandwidth.SeriesAnswer;
import io.egressmon.api.bandwidth.SeriesRequest;
import io.egressmon.api.coverage.CoverageAnswer;
import io.egressmon.api.coverage.CoverageRequest;
import io.egressmon.api.coverage.CoveragePartial;
import io.egressmon.api.coverage.CoveragePartialRequest;
import io.egressmon.api.flows.FlowAggregation;
import io.egressmon.api.flows.FlowRow;
import io.egressmon.api.flows.FlowsAnswer;
import io.egressmon.api.flows.FlowsPartial;
import io.egressmon.api.flows.FlowsPartialRequest;
import io.egressmon.api.flows.FlowsRequest;
import io.egressmon.api.talkers.TalkersPartial;
import io.egressmon.streams.flows.FlowSettings;
import io.egressmon.api.talkers.TalkersPartialRequest;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.api.talkers.TopTalkersRequest;
import io.egressmon.streams.talkers.TalkerTable;
import io.egressmon.streams.talkers.TalkersTopology;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A {@link QueryBackend} over tables in memory, for tests of the REST layer: one instance that holds
 * every partition, answering through the same assembly as {@link StreamsQueries}. A one-gateway
 * question about a gateway the test put {@link #ownedElsewhere} (or {@link #talkersOwnedElsewhere})
 * goes, as in {@link StreamsQueries}, to that owner through a real {@link InstanceClient}, and a
 * question that was itself forwarded is refused rather than forwarded again.
 */
public final class TableBackend implements QueryBackend {
    public static final int TALKER_CAPACITY = 100;
    /** The one host of this backend's partial answers. */
    public static final String HOST = "table";

    /** Kafka Streams' state as the backend reports it. */
    public String state = "RUNNING";
    /** Thrown (synchronously) by every query when set. */
    public RuntimeException failure;
    public final Map<String, RawTotals> totals = new TreeMap<>();
    public final Map<String, InventoryGateway> inventory = new TreeMap<>();
    /** The instance (base URL) hosting a gateway's bandwidth partition, when it is not this one. */
    public final Map<String, String> ownedElsewhere = new TreeMap<>();
    /** The instance hosting a gateway's talkers partition, when it is not this one. */
    public final Map<String, String> talkersOwnedElsewhere = new TreeMap<>();
    /** Talker tables by store key ({@code gateway|ROLE}), all in the daily window of {@link #talkerDay}. */
    public final Map<String, TalkerTable> talkerTables = new TreeMap<>();
    /** Flow egress bytes per gateway and hour start, for coverage answers. */
    public final Map<String, SortedMap<Instant, Long>> flowHours = new TreeMap<>();
    /** Raw counter totals per gateway and hour start, for coverage answers. */
    public final Map<String, SortedMap<Instant, RawTotals>> counterHours = new TreeMap<>();
    /** Rows of the live flow table, one instance's (filters are the store's job: not applied here). */
    public final List<FlowRow> flowRows = new ArrayList<>();
    /** Every question asked, in order, as {@code kind request period} (plus {@code forwarded} when it was). */
    public final List<String> calls = new ArrayList<>();

    private final InstanceClient instances;
    private final Instant now;
    private final Instant talkerDay;
    private final String copilotFlowiqUrl;

    public TableBackend(Vertx vertx, Instant now, Instant talkerDay, String copilotFlowiqUrl) {
        this.instances = new InstanceClient(vertx);
        this.now = now;
        this.talkerDay = talkerDay;
        this.copilotFlowiqUrl = copilotFlowiqUrl;
    }

    /** Back to RUNNING, no failure, no data, no owners elsewhere, no calls. */
    public void clear() {
        state = "RUNNING";
        failure = null;
        totals.clear();
        inventory.clear();
        ownedElsewhere.clear();
        talkersOwnedElsewhere.clear();
        talkerTables.clear();
        flowHours.clear();
        counterHours.clear();
        flowRows.clear();
        calls.clear();
    }

    @Override
    public String streamsState() {
        return state;
    }

    @Override
    public boolean running() {
        return state.equals("RUNNING");
    }

    @Override
    public Map<String, Long> dropped() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("duplicate_snapshots", 3L);
        return m;
    }

    @Override
    public Future<GatewaysAnswer> gateways() {
        return failure != null ? Future.failedFuture(failure) : Future.succeededFuture(new GatewaysAnswer(List.copyOf(inventory.values())));
    }

    @Override
    public Future<BandwidthAnswer> bandwidth(BandwidthRequest request, Period period, boolean forwarded) {
        ask("bandwidth", request, period, forwarded);
        String gateway = request.gateway();
        if (gateway != null && ownedElsewhere.containsKey(gateway)) {
            return instances.forward(ownedElsewhere.get(gateway), gateway, forwarded, Endpoints.BANDWIDTH, request.toQuery(),
                    BandwidthAnswer.class);
        }
        PeriodPlan plan = PeriodPlan.of(period.start(), period.end(), PeriodPlan.fineSince(now));
        return Future.succeededFuture(BandwidthAnswers.assemble(plan, period, processed(),
                inventory, gateway, request.groupBy(), now));
    }

    /** A series of zeros for any gateway the tables know (they hold no windows); 404 for others. */
    @Override
    public Future<SeriesAnswer> series(SeriesRequest request, Period period, boolean forwarded) {
        ask("series", request, period, forwarded);
        String gateway = request.gateway();
        if (ownedElsewhere.containsKey(gateway)) {
            return instances.forward(ownedElsewhere.get(gateway), gateway, forwarded, Endpoints.SERIES, request.toQuery(),
                    SeriesAnswer.class);
        }
        if (!inventory.containsKey(gateway) && !totals.containsKey(gateway)) {
            return Future.failedFuture(new NotFound("gateway", "unknown gateway '" + gateway + "'"));
        }
        InventoryGateway info = inventory.getOrDefault(gateway, InventoryGateway.unknown(gateway));
        PeriodPlan.Span range = SeriesPlan.range(period, request.step(), PeriodPlan.fineSince(now));
        return Future.succeededFuture(new SeriesAnswer(range.from(), range.to(), period.days(), request.step(),
                info.attributes(), info.tunnelInterfaces(), SeriesPlan.points(new TreeMap<>(), range, request.step())));
    }

    @Override
    public Future<TopTalkersAnswer> topTalkers(TopTalkersRequest request, Period period, boolean forwarded) {
        ask("topTalkers", request, period, forwarded);
        String gateway = request.gateway();
        if (gateway != null && talkersOwnedElsewhere.containsKey(gateway)) {
            return instances.forward(talkersOwnedElsewhere.get(gateway), gateway, forwarded, Endpoints.TOP_TALKERS,
                    request.toQuery(), TopTalkersAnswer.class);
        }
        TalkerPlan plan = TalkerPlan.of(period.start(), period.end(), TalkerPlan.hourlySince(now));
        // As StreamsQueries: one gateway is assembled with its own inventory entry only.
        Map<String, InventoryGateway> known = new TreeMap<>(inventory);
        if (gateway != null) {
            known.keySet().retainAll(Set.of(gateway));
        }
        TalkersPartial mine = TalkersPartials.collect(HOST, Set.of(0), plan, this::talkerWindows, gateway,
                TalkersPartials.grouping(request.perSpoke(), request.groupBy(), known), request.perSpoke(),
                request.top(), TALKER_CAPACITY);
        return Future.succeededFuture(TalkersAnswers.assemble(request, period, plan, TALKER_CAPACITY,
                List.of(mine), known, copilotFlowiqUrl, now));
    }

    /** As {@link StreamsQueries}, over the tables' steps. */
    @Override
    public Future<CoverageAnswer> coverage(CoverageRequest request, Period period) {
        ask("coverage", request, period, false);
        return Future.succeededFuture(CoverageAnswers.assemble(CoverageAnswers.range(period, request.step(), now),
                period.days(), FlowSettings.DEFAULTS, flowHours, counterHours, request.gateway()));
    }

    /** As {@link StreamsQueries}: this backend's one part, collapsed, sorted and cut; up to {@code now}'s second. */
    @Override
    public Future<FlowsAnswer> flows(FlowsRequest request) {
        if (failure != null) {
            throw failure;
        }
        calls.add("flows " + request.toQuery());
        Instant to = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return flowsPartial(new FlowsPartialRequest(request, to, java.util.Set.of(0)))
                .map(part -> FlowsAnswer.of(request, to, List.of(part)));
    }

    @Override
    public Future<FlowsPartial> flowsPartial(FlowsPartialRequest request) {
        calls.add("flowsPartial " + request.toQuery());
        long window = request.request().window().length().toSeconds();
        FlowsRequest r = request.request();
        List<FlowRow> rows = FlowAggregation.collapse(flowRows, r.aggregate(), window);
        boolean cut = FlowAggregation.disjointByPartition(r.aggregate());
        return Future.succeededFuture(new FlowsPartial(HOST, request.partitions(), Instant.EPOCH, flowRows.size(),
                cut ? rows.size() : -1, cut ? FlowAggregation.top(rows, r.sort(), r.descending(), r.limit()) : rows));
    }

    @Override
    public Future<CoveragePartial> coveragePartial(CoveragePartialRequest request) {
        calls.add("coveragePartial " + request);
        boolean flows = CoveragePartialRequest.FLOWS.equals(request.of());
        return Future.succeededFuture(CoveragePartial.of(HOST, request.partitions(), flows ? Map.of() : counterHours,
                flows ? flowHours : Map.of()));
    }

    /** The tables' totals, every gateway (and every spoke of the inventory) processed up to now. */
    private Map<String, io.egressmon.api.bandwidth.GatewayPeriod> processed() {
        Map<String, io.egressmon.api.bandwidth.GatewayPeriod> out = new TreeMap<>(PartitionCoverageTest.periods(totals, now));
        inventory.keySet().forEach(g -> out.putIfAbsent(g,
                new io.egressmon.api.bandwidth.GatewayPeriod(RawTotals.ZERO, 0, now, false)));
        return out;
    }

    /** The tables' totals as they are (the tables hold no windows to plan over). */
    @Override
    public Future<BandwidthPartial> bandwidthPartial(BandwidthPartialRequest request) {
        calls.add("bandwidthPartial " + request);
        return Future.succeededFuture(new BandwidthPartial(HOST, request.partitions(), processed()));
    }

    @Override
    public Future<TalkersPartial> talkersPartial(TalkersPartialRequest request) {
        calls.add("talkersPartial " + request);
        TalkerPlan plan = TalkerPlan.of(request.from(), request.to(), request.hourlySince());
        return Future.succeededFuture(TalkersPartials.collect(HOST, request.partitions(), plan,
                this::talkerWindows, null, TalkersPartials.grouping(request.perSpoke(), request.groupBy(), inventory),
                request.perSpoke(), request.top(), TALKER_CAPACITY));
    }

    private void ask(String kind, Object request, Period period, boolean forwarded) {
        calls.add(call(kind, request, period) + (forwarded ? " forwarded" : ""));
        if (failure != null) {
            throw failure;
        }
    }


    private void talkerWindows(String store, Instant from, Instant to, BiConsumer<String, TalkerTable> sink) {
        if (store.equals(TalkersTopology.STORE_1D) && !talkerDay.isBefore(from) && talkerDay.isBefore(to)) {
            talkerTables.forEach(sink);
        }
    }

    /** An entry of {@link #calls}: {@code kind request period}. */
    public static String call(String kind, Object request, Period period) {
        return kind + " " + request + " " + period;
    }
}
