package io.egressmon.streams.query;

import io.egressmon.api.cost.CostAnswer;
import io.egressmon.api.cost.CostPartial;
import io.egressmon.api.cost.CostPartialRequest;
import io.egressmon.api.cost.CostRequest;

import io.egressmon.api.GatewaysAnswer;
import io.egressmon.api.Period;
import io.egressmon.api.Unavailable;
import io.egressmon.api.alerts.AlertsAnswer;
import io.egressmon.api.alerts.AlertsPartial;
import io.egressmon.api.alerts.AlertsPartialRequest;
import io.egressmon.api.alerts.AlertsRequest;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.BandwidthPartial;
import io.egressmon.api.bandwidth.BandwidthPartialRequest;
import io.egressmon.api.bandwidth.BandwidthRequest;
import io.egressmon.api.bandwidth.SeriesAnswer;
import io.egressmon.api.bandwidth.SeriesRequest;
import io.egressmon.api.coverage.CoverageAnswer;
import io.egressmon.api.coverage.CoverageRequest;
import io.egressmon.api.coverage.CoveragePartial;
import io.egressmon.api.coverage.CoveragePartialRequest;
import io.egressmon.api.flows.FlowsAnswer;
import io.egressmon.api.flows.FlowsPartial;
import io.egressmon.api.flows.FlowsPartialRequest;
import io.egressmon.api.flows.FlowsRequest;
import io.egressmon.api.talkers.TalkersPartial;
import io.egressmon.api.talkers.TalkersPartialRequest;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.api.talkers.TopTalkersRequest;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the REST layer asks of the query layer, in the API's types. {@link StreamsQueries} answers
 * from Kafka Streams, from any instance (asking the owners of other partitions itself); tests of the
 * REST layer may answer from a table. Failures carry the API's exceptions
 * ({@link io.egressmon.api.BadParameter}, {@link io.egressmon.api.NotFound},
 * {@link io.egressmon.api.Unavailable}).
 *
 * <p>{@code forwarded} says the request came from another instance that took this one for the
 * owner of its gateway: it is answered here or refused, never forwarded again.
 */
public interface QueryBackend {

    /** Kafka Streams' state, e.g. {@code RUNNING}. */
    String streamsState();

    /** True when Kafka Streams is RUNNING: queries can be answered. */
    boolean running();

    /**
     * The oldest counter progress mark among the gateways whose partitions this instance hosts
     * actively (empty: none yet): how far a backfill or catch-up has come, as {@code /ready} reports.
     */
    default Future<Optional<Instant>> counterProgress() {
        return Future.succeededFuture(Optional.empty());
    }

    /** Live counts of what the topology saw and dropped (Kafka Streams' own dropped records are {@code InstanceHealth}'s). */
    Map<String, Long> dropped();

    /** The inventory, every gateway type, sorted by name. */
    Future<GatewaysAnswer> gateways();

    /** Per-spoke bandwidth over {@code period} (the request's, resolved): all spokes, or the one gateway. */
    Future<BandwidthAnswer> bandwidth(BandwidthRequest request, Period period, boolean forwarded);

    /** One gateway's series over {@code period}. */
    Future<SeriesAnswer> series(SeriesRequest request, Period period, boolean forwarded);

    /** Top talkers over {@code period}: all spokes, or the one gateway. */
    Future<TopTalkersAnswer> topTalkers(TopTalkersRequest request, Period period, boolean forwarded);

    /** Flow egress ÷ counter egress per gateway that exported flows, hour by hour, over {@code period}. */
    Future<CoverageAnswer> coverage(CoverageRequest request, Period period);

    /** The live flow table over every partition. */
    Future<FlowsAnswer> flows(FlowsRequest request);

    /** This instance's part of the live flow table, from its active partitions only. */
    Future<FlowsPartial> flowsPartial(FlowsPartialRequest request);

    /** This instance's hourly counter or flow windows, from its active stores only. */
    Future<CoveragePartial> coveragePartial(CoveragePartialRequest request);

    /** This instance's part of an all-spokes bandwidth answer, from its active stores only. */
    Future<BandwidthPartial> bandwidthPartial(BandwidthPartialRequest request);

    /** What the spokes' egress cost over {@code period}: all spokes, one gateway or one cost center. */
    default Future<CostAnswer> cost(CostRequest request, Period period) {
        return Future.failedFuture(new io.egressmon.api.Unavailable("this backend does not answer cost"));
    }

    /** This instance's part of a cost answer, from its active cost partitions only. */
    default Future<CostPartial> costPartial(CostPartialRequest request) {
        return Future.failedFuture(new io.egressmon.api.Unavailable("this backend does not answer cost"));
    }

    /** This instance's part of a top-talkers answer, from its active stores only. */
    Future<TalkersPartial> talkersPartial(TalkersPartialRequest request);

    /** The alerts raised about a month and every budget's standing in it, over every partition. */
    default Future<AlertsAnswer> alerts(AlertsRequest request) {
        return Future.failedFuture(new Unavailable("this instance does not answer alerts"));
    }

    /** This instance's part of an alerts answer, from its active alert stores only. */
    default Future<AlertsPartial> alertsPartial(AlertsPartialRequest request) {
        return Future.failedFuture(new Unavailable("this instance does not answer alerts"));
    }
}
