package io.egressmon.streams.query;

import io.egressmon.report.GroupBy;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the REST layer asks of the query layer. {@link StreamsQueries} answers from Kafka Streams;
 * tests of the REST layer may answer from a table. Failures carry {@link BadParameter},
 * {@link NotFound} or {@link Unavailable} for the caller to map to 400, 404 and 503.
 */
public interface QueryBackend {

    /** Kafka Streams' state, e.g. {@code RUNNING}. */
    String streamsState();

    /** True when Kafka Streams is RUNNING: queries can be answered. */
    boolean running();

    /** Live counts of what was seen and dropped: the topology's own counters and Kafka Streams' dropped-records. */
    Map<String, Long> dropped();

    /** The inventory, every gateway type, sorted by name. */
    Future<List<GatewayInfo>> gateways();

    /**
     * Empty when this instance actively hosts {@code gateway}'s partition (then ask this backend);
     * else the base URL ({@code http://host:port}) of the instance that does.
     *
     * @throws Unavailable while partitions are being (re)assigned
     */
    Optional<String> ownerElsewhere(String gateway);

    /**
     * Per-spoke bandwidth over {@code period}: all spokes (gathered from every instance) when
     * {@code gateway} is null, else that gateway, which must be hosted here (see {@link #ownerElsewhere}).
     *
     * @param groupBy null for no grouping
     */
    Future<BandwidthAnswer> bandwidth(Period period, String gateway, GroupBy groupBy);

    /** One gateway's series; the gateway must be hosted here (see {@link #ownerElsewhere}). */
    Future<SeriesAnswer> series(Period period, String gateway, Step step);

    /** Raw totals over {@code plan} of {@code partitions}, from this instance's active stores only. */
    Future<PartialAnswer> partial(PeriodPlan plan, Set<Integer> partitions);

    /**
     * Like {@link #ownerElsewhere} for the talkers stores, which may sit elsewhere than the gateway's
     * bandwidth stores.
     *
     * @throws Unavailable while partitions are being (re)assigned
     */
    Optional<String> talkersOwnerElsewhere(String gateway);

    /**
     * Top talkers: over all spokes (gathered from every instance) when the query names no gateway,
     * else that gateway's, which must be hosted here (see {@link #talkersOwnerElsewhere}).
     */
    Future<TalkersAnswer> topTalkers(TalkersQuery query);

    /**
     * This instance's part of a top-talkers fan-out: {@code partitions}' tables over {@code plan},
     * merged per group (or all together) and ranked per spoke when {@code perSpoke}.
     */
    Future<TalkersPartial> talkersPartial(TalkerPlan plan, Set<Integer> partitions, int top, boolean perSpoke,
                                          GroupBy groupBy);
}
