package io.egressmon.ingest;

import java.time.Duration;
import java.util.List;

/**
 * The FlowIQ poller's own settings (design.md, "FlowIQ top talkers"); part of {@link IngestConfig}.
 * History ({@code EGRESSMON_BACKFILL}), the poll interval, concurrency, retries and TLS are the
 * counters' ones.
 *
 * @param enabled       run the FlowIQ poller at all ({@code EGRESSMON_FLOWIQ_ENABLED})
 * @param slice         a live slice ({@code EGRESSMON_FLOWIQ_SLICE}); every slice is a whole number of them
 * @param backfillSlice the largest slice, used while catching up ({@code EGRESSMON_FLOWIQ_BACKFILL_SLICE}); a
 *                      whole multiple of {@code slice}
 * @param size          keys asked per sub-query ({@code EGRESSMON_FLOWIQ_SIZE}); an answer that fills it is
 *                      marked truncated
 * @param settle        a slice is polled once it ended at least this long ago, because FlowIQ records
 *                      arrive late ({@code EGRESSMON_FLOWIQ_SETTLE})
 */
public record FlowiqSettings(boolean enabled, Duration slice, Duration backfillSlice, int size, Duration settle) {

    public static final String ENV_ENABLED = "EGRESSMON_FLOWIQ_ENABLED";
    public static final String ENV_SLICE = "EGRESSMON_FLOWIQ_SLICE";
    public static final String ENV_BACKFILL_SLICE = "EGRESSMON_FLOWIQ_BACKFILL_SLICE";
    public static final String ENV_SIZE = "EGRESSMON_FLOWIQ_SIZE";
    public static final String ENV_SETTLE = "EGRESSMON_FLOWIQ_SETTLE";

    /** Enabled; 15-minute live slices, 1-day backfill slices, 1000 keys per sub-query, 2 minutes to settle. */
    public static FlowiqSettings defaults() {
        return new FlowiqSettings(true, Duration.ofMinutes(15), Duration.ofDays(1), 1000, Duration.ofMinutes(2));
    }

    /** Adds what is wrong to {@code problems}, naming the variable that fixes it. Nothing is checked when disabled. */
    void check(List<String> problems) {
        if (!enabled) {
            return;
        }
        if (slice == null || slice.compareTo(Duration.ofMinutes(1)) < 0) {
            problems.add(ENV_SLICE + "=" + slice + " is too small: use at least PT1M (FlowIQ records are per minute)");
        }
        if (backfillSlice == null || settle == null) {
            problems.add((backfillSlice == null ? ENV_BACKFILL_SLICE : ENV_SETTLE) + " is not set");
        } else if (slice != null && slice.compareTo(Duration.ofMinutes(1)) >= 0) {
            // Every slice is a whole number of live slices, so the slice grid never drifts.
            if (backfillSlice.compareTo(slice) < 0 || backfillSlice.toMillis() % slice.toMillis() != 0) {
                problems.add(ENV_BACKFILL_SLICE + "=" + backfillSlice + " must be a whole multiple of " + ENV_SLICE + "="
                        + slice + " (e.g. P1D and PT15M)");
            }
        }
        if (settle != null && settle.isNegative()) {
            problems.add(ENV_SETTLE + "=" + settle + " must not be negative");
        }
        if (size < 1) {
            problems.add(ENV_SIZE + "=" + size + " must be 1 or more");
        }
    }

    public FlowiqSettings withEnabled(boolean enabled) {
        return new FlowiqSettings(enabled, slice, backfillSlice, size, settle);
    }

    public FlowiqSettings withSlice(Duration slice) {
        return new FlowiqSettings(enabled, slice, backfillSlice, size, settle);
    }

    public FlowiqSettings withBackfillSlice(Duration backfillSlice) {
        return new FlowiqSettings(enabled, slice, backfillSlice, size, settle);
    }

    public FlowiqSettings withSize(int size) {
        return new FlowiqSettings(enabled, slice, backfillSlice, size, settle);
    }

    public FlowiqSettings withSettle(Duration settle) {
        return new FlowiqSettings(enabled, slice, backfillSlice, size, settle);
    }
}
