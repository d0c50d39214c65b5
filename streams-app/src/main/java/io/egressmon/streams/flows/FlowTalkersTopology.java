package io.egressmon.streams.flows;

import static io.egressmon.streams.StreamsTopics.consumed;
import static io.egressmon.streams.StreamsTopics.produced;

import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.FlowCoverage;
import io.egressmon.avro.FlowTableWindow;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.schemas.Topic;
import io.egressmon.streams.talkers.TalkerSettings;
import io.egressmon.streams.talkers.WindowVersions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The flows part of the application's one topology (design.md, "Flows"):
 * <pre>
 * flows.records (time = received_at) ─► flow-talkers-aggregate
 *      stores flow-talkers-1m, flow-talkers-1h, flow-talkers-1d: WindowStore&lt;gateway|ROLE, TalkerTable&gt;
 *                                     └──► flow-table-add: store flow-table (in memory, the last 5 minutes)
 *                                               ─► flows.table (every closed 10-second window, per gateway)
 * bandwidth.spoke-windows (final PT1H ones) ─► flow-coverage (reads flow-talkers-1h) ─► flows.coverage
 * </pre>
 * The same talker tables as FlowIQ's, in stores of their own ({@code source=netflow} in queries), with
 * a minute store for recent data: flows carry their own start and end, so a minute-aligned period is
 * exact. Like the FlowIQ part, nothing is repartitioned: the collector keys a batch by its gateway.
 */
public final class FlowTalkersTopology {
    /** 1-minute windows keyed {@code gateway|ROLE}, retained {@link #MINUTE_RETENTION}. */
    public static final String STORE_1M = "flow-talkers-1m";
    /** 1-hour windows, retained {@link #HOURLY_RETENTION}. */
    public static final String STORE_1H = "flow-talkers-1h";
    /** 1-day (UTC) windows, retained {@link #DAILY_RETENTION}. */
    public static final String STORE_1D = "flow-talkers-1d";

    public static final Duration MINUTE = Duration.ofMinutes(1), HOUR = Duration.ofHours(1), DAY = Duration.ofDays(1);
    public static final Duration MINUTE_RETENTION = Duration.ofDays(2), HOURLY_RETENTION = Duration.ofDays(35),
            DAILY_RETENTION = Duration.ofDays(400);
    /**
     * How long after its end a window still takes flow pieces: exporters report a long flow at their
     * active timeout (30 minutes on many routers), so its first minutes arrive that late.
     */
    public static final Duration GRACE = Duration.ofHours(1);

    /**
     * Flows the live tables of an instance hold together (~200 bytes each, ~60 MB): past it, the
     * adding table's oldest seconds go (counted, and said in answers).
     */
    public static final long TABLE_MAX_FLOWS = 300_000;

    static final String SOURCE = "flow-records-source";
    static final String TABLE = "flow-table-add";
    static final String TABLE_SINK = "flow-table-sink";
    static final String AGGREGATE = "flow-talkers-aggregate";
    static final String WINDOWS_SOURCE = "coverage-spoke-windows-source";
    static final String COVERAGE = "flow-coverage";
    static final String COVERAGE_SINK = "flow-coverage-sink";

    private FlowTalkersTopology() {
    }

    /**
     * Adds the flows source and aggregation, and the coverage of the counters' final hours, to
     * {@code builder}; the talker window stores stamp {@code versions} as they change.
     */
    public static void addTo(StreamsBuilder builder, Topic<String, FlowBatch> flows, Topic<String, SpokeBandwidthWindow> windows,
                             Topic<String, FlowCoverage> coverage, Topic<String, FlowTableWindow> table,
                             FlowSettings flowSettings, TalkerSettings settings, FlowStats stats,
                             WindowVersions versions) {
        Objects.requireNonNull(flows, "flows");
        KStream<String, FlowBatch> records = builder.stream(flows.name(), consumed(flows, SOURCE).withTimestampExtractor(
                (record, previous) -> record.value() instanceof FlowBatch b && b.getReceivedAt() != null
                        ? b.getReceivedAt().toEpochMilli() : record.timestamp()));
        records.process(FlowTalkersProcessor.supplier(flowSettings.classifier(), settings, stats, versions), Named.as(AGGREGATE));
        records.process(FlowTableProcessor.supplier(TABLE_MAX_FLOWS, Clock.systemUTC(), stats), Named.as(TABLE))
                .to(table.name(), produced(table, TABLE_SINK));
        builder.stream(windows.name(), consumed(windows, WINDOWS_SOURCE))
                .process(() -> new CoverageProcessor(flowSettings, stats), Named.as(COVERAGE), STORE_1H)
                .to(coverage.name(), produced(coverage, COVERAGE_SINK));
    }
}
