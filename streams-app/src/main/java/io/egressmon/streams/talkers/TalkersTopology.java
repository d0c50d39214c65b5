package io.egressmon.streams.talkers;

import static io.egressmon.streams.StreamsTopics.consumed;
import static io.egressmon.streams.StreamsTopics.produced;

import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;

/**
 * The talkers part of the application's one topology (design.md, "FlowIQ top talkers"):
 * <pre>
 * flowiq.talker-bytes (time = slice_start) ─► talkers-aggregate ─► talkers.top-n
 *      stores talkers-1h, talkers-1d: WindowStore&lt;gateway|ROLE, TalkerTable&gt;; talkers-emitted
 * </pre>
 * Records stay on their gateway's partition: the tables are keyed {@code gateway|ROLE} inside the
 * stores only, so nothing is repartitioned and every key of a gateway sits with the gateway. The
 * queries find a gateway's partition by its plain name.
 *
 * <p>Window placement: a record goes to the windows holding its {@code slice_start}; a slice that
 * crosses UTC midnight (the ingest's 1-day backfill slices start on the hour) is first split between
 * its days in proportion to time, each piece going to its day and to the hour it starts in. FlowIQ's
 * answer for a slice says nothing about when inside it the bytes flowed, so: the daily store is exact
 * for every slice within one UTC day (live ones, backfill pieces), while the hourly store is exact only
 * for slices within one hour (the live ones) — a day's backfill piece lands whole in its first hour.
 * Queries therefore read whole days from the daily store and only the edges from the hourly one.
 */
public final class TalkersTopology {
    /** {@code WindowStore<String, TalkerTable>}: 1-hour windows keyed {@code gateway|ROLE}, retained {@link #HOURLY_RETENTION}. */
    public static final String STORE_1H = "talkers-1h";
    /** {@code WindowStore<String, TalkerTable>}: 1-day (UTC) windows keyed {@code gateway|ROLE}, retained {@link #DAILY_RETENTION}. */
    public static final String STORE_1D = "talkers-1d";
    /** {@code KeyValueStore<String, Long>}: per task, up to which window start the final hourly top-N are written. */
    public static final String STORE_EMITTED = "talkers-emitted";

    public static final Duration HOUR = Duration.ofHours(1), DAY = Duration.ofDays(1);
    public static final Duration HOURLY_RETENTION = Duration.ofDays(35), DAILY_RETENTION = Duration.ofDays(400);
    /**
     * How long after its end a window (of either store) still takes records: 2 days. FlowIQ backfill
     * slices are a day long and every spoke polls on its own watermark, so on one partition a spoke
     * whose slice failed and is retried a tick later arrives a whole slice behind another spoke that
     * moved on; its slice's first hour must still be open, so the hourly store needs the day as much
     * as the daily one. The second day absorbs one more failed tick. The price: a final hourly top-N
     * is written two days after its hour; queries read the running tables and do not wait.
     */
    public static final Duration GRACE = Duration.ofDays(2);

    static final String SOURCE = "talker-bytes-source";
    static final String AGGREGATE = "talkers-aggregate";
    static final String SINK = "talkers-top-n-sink";

    private TalkersTopology() {
    }

    /**
     * Adds the talkers source, aggregation and sink to {@code builder}; its window stores stamp
     * {@code versions} as they change.
     */
    public static void addTo(StreamsBuilder builder, TalkerSerdes serdes, TalkerSettings settings, TalkerStats stats,
                             WindowVersions versions) {
        Objects.requireNonNull(serdes, "serdes");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(versions, "versions");
        builder.stream(serdes.talkerBytes().name(),
                        consumed(serdes.talkerBytes(), SOURCE).withTimestampExtractor(new SliceStartExtractor()))
                .process(TalkersProcessor.supplier(settings, stats, versions), Named.as(AGGREGATE))
                .to(serdes.topN().name(), produced(serdes.topN(), SINK));
    }
}
