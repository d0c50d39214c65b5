package io.egressmon.schemas;

import io.egressmon.avro.CostAlert;
import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.FlowCoverage;
import io.egressmon.avro.FlowTableWindow;
import io.egressmon.avro.FlowiqWatermark;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.PollWatermark;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeHourCost;
import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerTopN;
import java.time.Duration;
import java.util.List;

/**
 * Every topic the pipeline reads or writes, declared once: name, value type, how it is kept. Keys
 * are gateway names. {@code TOPIC.name()} is the plain name (tests and docker-compose use the same
 * names); {@code TOPIC.bind(registry)} the topic with its serdes.
 */
public final class Topics {
    /** Key = gw_name; a tombstone removes a gateway. */
    public static final TopicSpec<Gateway> INVENTORY = TopicSpec.of("copilot.inventory", Gateway.class).compacted();
    /** Key = gateway. */
    public static final TopicSpec<CounterSnapshot> COUNTER_SNAPSHOTS =
            TopicSpec.of("copilot.counter-snapshots", CounterSnapshot.class).retainedFor(Duration.ofDays(60));
    /** Key = gateway; written in the transaction of the snapshots it covers. */
    public static final TopicSpec<PollWatermark> POLL_WATERMARKS =
            TopicSpec.of("ingest.watermarks", PollWatermark.class).compacted().onePartition();
    /** Key = gateway: final totals of closed windows. */
    public static final TopicSpec<SpokeBandwidthWindow> SPOKE_WINDOWS =
            TopicSpec.of("bandwidth.spoke-windows", SpokeBandwidthWindow.class);
    /** Key = gateway: one IP of one FlowIQ sub-query. */
    public static final TopicSpec<TalkerBytes> TALKER_BYTES =
            TopicSpec.of("flowiq.talker-bytes", TalkerBytes.class).retainedFor(Duration.ofDays(60));
    /** Key = gateway; written in the transaction of the talkers it covers. */
    public static final TopicSpec<FlowiqWatermark> FLOWIQ_WATERMARKS =
            TopicSpec.of("ingest.flowiq-watermarks", FlowiqWatermark.class).compacted().onePartition();
    /** Key = gateway: final top-N of closed windows. */
    public static final TopicSpec<TalkerTopN> TALKERS_TOP_N = TopicSpec.of("talkers.top-n", TalkerTopN.class);
    /** Key = gateway (or the exporter's address when no gateway is mapped): the flows of one export datagram. */
    public static final TopicSpec<FlowBatch> FLOW_RECORDS =
            TopicSpec.of("flows.records", FlowBatch.class).retainedFor(Duration.ofDays(7));
    /** Key = gateway: flow egress against counter egress, per hour, once the counters' hour is final. */
    public static final TopicSpec<FlowCoverage> FLOW_COVERAGE = TopicSpec.of("flows.coverage", FlowCoverage.class);

    /** Key = gateway: the live flow table's 10-second windows, summed per flow, for systems outside egressmon. */
    public static final TopicSpec<FlowTableWindow> FLOW_TABLE =
            TopicSpec.of("flows.table", FlowTableWindow.class).retainedFor(Duration.ofDays(1));

    /**
     * Key = gateway: what a spoke's egress of an hour costs; a later record for the same gateway and
     * hour replaces an earlier one. Kept as long as the hourly windows it is priced from.
     */
    public static final TopicSpec<SpokeHourCost> COST_SPOKE_HOURS =
            TopicSpec.of("cost.spoke-hours", SpokeHourCost.class).retainedFor(Duration.ofDays(400));

    /**
     * Key = the alert's dedupe key: budget and spend alerts, each raised once (exactly once, in the
     * transaction that records it as raised). Kept a year and a bit, like the months they are about.
     */
    public static final TopicSpec<CostAlert> ALERTS =
            TopicSpec.of("egressmon.alerts", CostAlert.class).retainedFor(Duration.ofDays(400));

    /** Every topic, in the order {@link TopicSetup} creates them. */
    public static final List<TopicSpec<?>> ALL = List.of(INVENTORY, COUNTER_SNAPSHOTS, POLL_WATERMARKS, SPOKE_WINDOWS,
            TALKER_BYTES, FLOWIQ_WATERMARKS, TALKERS_TOP_N, FLOW_RECORDS, FLOW_COVERAGE, FLOW_TABLE, COST_SPOKE_HOURS,
            ALERTS);

    private Topics() {
    }
}
