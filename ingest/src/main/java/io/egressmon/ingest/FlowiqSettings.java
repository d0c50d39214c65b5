package io.egressmon.ingest;

import io.egressmon.config.Kind;
import io.egressmon.config.Setting;
import io.egressmon.config.SettingsReader;
import java.time.Duration;
import java.util.List;

/**
 * The FlowIQ poller's own settings (design.md, "FlowIQ top talkers"). History, the poll interval,
 * concurrency, retries and TLS are the counters' ones.
 *
 * @param enabled       run the FlowIQ poller at all
 * @param slice         a live slice; every slice is a whole number of them
 * @param backfillSlice the largest slice, used while catching up; a whole multiple of {@code slice}
 * @param size          keys asked per sub-query; an answer that fills it is marked truncated
 * @param settle        a slice is polled once it ended at least this long ago, because FlowIQ records arrive late
 * @param hourlyBackfill the most recent part of the backfill polled in slices of at most an hour (from
 *                       UTC midnight that long ago), so hourly top talkers are exact there; older
 *                       days are polled a day at a time and answered by whole days
 */
public record FlowiqSettings(boolean enabled, Duration slice, Duration backfillSlice, int size, Duration settle,
                             Duration hourlyBackfill) {

    public static final Setting<FlowiqSettings, Boolean> ENABLED = Setting.of(FlowiqSettings.class,
            "EGRESSMON_FLOWIQ_ENABLED", Kind.BOOLEAN, "true", "false", "poll FlowIQ for top talkers at all",
            FlowiqSettings::enabled);
    public static final Setting<FlowiqSettings, Duration> SLICE = Setting.of(FlowiqSettings.class,
            "EGRESSMON_FLOWIQ_SLICE", Kind.duration(Duration.ofMinutes(1)), "15m", "5m",
            "a live FlowIQ slice (FlowIQ records are per minute)", FlowiqSettings::slice);
    public static final Setting<FlowiqSettings, Duration> BACKFILL_SLICE = Setting.of(FlowiqSettings.class,
            "EGRESSMON_FLOWIQ_BACKFILL_SLICE", Kind.duration(Duration.ofMinutes(1)), "1d", "12h",
            "the FlowIQ slice while catching up: whole live slices", FlowiqSettings::backfillSlice);
    public static final Setting<FlowiqSettings, Integer> SIZE = Setting.of(FlowiqSettings.class,
            "EGRESSMON_FLOWIQ_SIZE", Kind.integer(1, 100_000), "1000", "30",
            "keys asked per FlowIQ sub-query; a full answer is marked truncated", FlowiqSettings::size);
    public static final Setting<FlowiqSettings, Duration> SETTLE = Setting.of(FlowiqSettings.class,
            "EGRESSMON_FLOWIQ_SETTLE", Kind.duration(Duration.ZERO), "2m", "5m",
            "a FlowIQ slice is polled this long after it ended (records arrive late)", FlowiqSettings::settle);
    public static final Setting<FlowiqSettings, Duration> HOURLY_BACKFILL = Setting.of(FlowiqSettings.class,
            "EGRESSMON_FLOWIQ_HOURLY_BACKFILL", Kind.duration(Duration.ZERO), "2d", "30d",
            "the latest part of the FlowIQ backfill polled hour by hour (exact hourly top talkers there; 0s: none)",
            FlowiqSettings::hourlyBackfill);
    public static final List<Setting<FlowiqSettings, ?>> SETTINGS = List.of(ENABLED, SLICE, BACKFILL_SLICE, SIZE, SETTLE,
            HOURLY_BACKFILL);

    /** Reads the settings; nothing but their own form is checked when FlowIQ is disabled. */
    public static FlowiqSettings from(SettingsReader r) {
        FlowiqSettings f = new FlowiqSettings(r.get(ENABLED), r.get(SLICE), r.get(BACKFILL_SLICE), r.get(SIZE), r.get(SETTLE),
                r.get(HOURLY_BACKFILL));
        // Every slice is a whole number of live slices, so the slice grid never drifts.
        if (f.enabled && (f.backfillSlice.compareTo(f.slice) < 0 || f.backfillSlice.toMillis() % f.slice.toMillis() != 0)) {
            r.problem(BACKFILL_SLICE.name() + "=" + BACKFILL_SLICE.show(f.backfillSlice) + " must be a whole multiple of "
                    + SLICE.name() + "=" + SLICE.show(f.slice) + " (e.g. 1d and 15m)");
        }
        if (f.enabled && Duration.ofHours(1).toMillis() % f.slice.toMillis() != 0) {
            r.problem(SLICE.name() + "=" + SLICE.show(f.slice) + " must divide an hour (e.g. 15m), so that slices "
                    + "end on the hour and hourly top talkers stay exact");
        }
        return f;
    }
}
