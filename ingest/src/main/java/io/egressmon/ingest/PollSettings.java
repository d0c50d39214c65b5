package io.egressmon.ingest;

import io.egressmon.config.Kind;
import io.egressmon.config.Setting;
import io.egressmon.config.SettingsReader;
import java.time.Duration;
import java.util.List;

/**
 * How the counter and inventory polls run (design.md, "Counter readings").
 *
 * @param interval          how often the counter poller wakes up once it has caught up
 * @param backfill          history read on the very first start (no watermarks yet)
 * @param backfillSlice     the coarse slice used while more than one slice behind (at most an hour)
 * @param bisectMinSlice    a reset is pinned down to a slice no longer than this
 * @param batchSize         gateways per performance request
 * @param inventoryInterval how often the gateway inventory is refreshed
 * @param transactionalId   Kafka transactional.id of the counter producer: one live ingest per id
 */
public record PollSettings(Duration interval, Duration backfill, Duration backfillSlice, Duration bisectMinSlice,
                           int batchSize, Duration inventoryInterval, String transactionalId) {

    public static final Setting<PollSettings, Duration> INTERVAL = Setting.of(PollSettings.class,
            "EGRESSMON_POLL_INTERVAL", Kind.duration(Duration.ofMillis(100)), "60s", "30s",
            "how often the counter poll runs once caught up", PollSettings::interval);
    public static final Setting<PollSettings, Duration> BACKFILL = Setting.of(PollSettings.class,
            "EGRESSMON_BACKFILL", Kind.duration(Duration.ZERO), "30d", "7d",
            "history read on the first start (counters and FlowIQ)", PollSettings::backfill);
    public static final Setting<PollSettings, Duration> BACKFILL_SLICE = Setting.of(PollSettings.class,
            "EGRESSMON_BACKFILL_SLICE", Kind.duration(Duration.ofMinutes(1)), "1h", "30m",
            "the counter poll's slice while catching up (at most 1h: slices never cross an hour)",
            PollSettings::backfillSlice);
    public static final Setting<PollSettings, Duration> BISECT_MIN_SLICE = Setting.of(PollSettings.class,
            "EGRESSMON_BISECT_MIN_SLICE", Kind.duration(Duration.ofSeconds(1)), "60s", "2m",
            "a counter reset is pinned down to a slice this short", PollSettings::bisectMinSlice);
    public static final Setting<PollSettings, Integer> BATCH_SIZE = Setting.of(PollSettings.class,
            "EGRESSMON_BATCH_SIZE", Kind.integer(1, 10_000), "50", "20",
            "gateways per performance request", PollSettings::batchSize);
    public static final Setting<PollSettings, Duration> INVENTORY_INTERVAL = Setting.of(PollSettings.class,
            "EGRESSMON_INVENTORY_INTERVAL", Kind.duration(Duration.ofSeconds(1)), "5m", "15m",
            "how often the gateway inventory is refreshed", PollSettings::inventoryInterval);
    public static final Setting<PollSettings, String> TRANSACTIONAL_ID = Setting.of(PollSettings.class,
            "EGRESSMON_TRANSACTIONAL_ID", Kind.TEXT, "egressmon-ingest", "ingest-eu",
            "Kafka transactional id of the ingest (one live ingest per id; FlowIQ adds -flowiq)",
            PollSettings::transactionalId);
    public static final List<Setting<PollSettings, ?>> SETTINGS = List.of(INTERVAL, BACKFILL, BACKFILL_SLICE,
            BISECT_MIN_SLICE, BATCH_SIZE, INVENTORY_INTERVAL, TRANSACTIONAL_ID);

    public static PollSettings from(SettingsReader r) {
        PollSettings p = new PollSettings(r.get(INTERVAL), r.get(BACKFILL), r.get(BACKFILL_SLICE), r.get(BISECT_MIN_SLICE),
                r.get(BATCH_SIZE), r.get(INVENTORY_INTERVAL), r.get(TRANSACTIONAL_ID));
        if (p.backfillSlice.compareTo(p.bisectMinSlice) < 0) {
            r.problem(BACKFILL_SLICE.name() + "=" + BACKFILL_SLICE.show(p.backfillSlice) + " is shorter than "
                    + BISECT_MIN_SLICE.name() + "=" + BISECT_MIN_SLICE.show(p.bisectMinSlice) + ": make the slice longer");
        }
        if (p.backfillSlice.compareTo(Duration.ofHours(1)) > 0) {
            r.problem(BACKFILL_SLICE.name() + "=" + BACKFILL_SLICE.show(p.backfillSlice) + " is longer than 1h: slices "
                    + "stay inside one hour so that every hour-aligned period is exact; write 1h or less");
        }
        return p;
    }
}
