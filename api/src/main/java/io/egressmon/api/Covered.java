package io.egressmon.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an answer stands on, beside the period it covers: never a partial or interpolated number
 * presented as final (design.md, "Honest answers").
 *
 * @param requestedStart the start as asked, only when the covered period had to move (else null)
 * @param requestedEnd   the end as asked, only when the covered period had to move (else null)
 * @param resolution     the finest stored grain the answer was computed from (ISO-8601, e.g. PT5M, PT1H, P1D)
 * @param complete       every gateway in the answer has been read up to the period's end, or for a
 *                       period that has not ended, to within the source's live edge of the moment
 *                       answered ({@link #COUNTERS_LIVE_EDGE}, {@link #FLOWIQ_LIVE_EDGE})
 * @param dataUntil      the oldest of the answer's gateways' last readings, capped at the period's
 *                       end; null when no gateway has any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Covered(@JsonProperty(isRequired = OptBoolean.FALSE) Instant requestedStart,
                      @JsonProperty(isRequired = OptBoolean.FALSE) Instant requestedEnd,
                      String resolution, boolean complete,
                      @JsonProperty(isRequired = OptBoolean.FALSE) Instant dataUntil) {

    /**
     * How far behind the moment of answering counter data may be and a period reaching the present
     * still count as complete: live polling reads CoPilot once a minute on the 5-minute grid, so data
     * is normally one to two minutes old; more means polling or processing is behind.
     */
    public static final Duration COUNTERS_LIVE_EDGE = Duration.ofMinutes(5);
    /**
     * The same for FlowIQ, polled in 15-minute slices once they settled for 2 minutes (the defaults):
     * its data is normally up to 17 minutes old.
     */
    public static final Duration FLOWIQ_LIVE_EDGE = Duration.ofMinutes(30);

    public Covered {
        Objects.requireNonNull(resolution, "resolution");
        if ((requestedStart == null) != (requestedEnd == null)) {
            throw new IllegalArgumentException("requested_start and requested_end come together");
        }
    }

    /**
     * What a report printed from this answer should tell on stderr beside its numbers (nothing when
     * the answer is complete and covers the period asked), one line each, {@code [WARN] ...} or
     * {@code [INFO] ...} like the original scripts' messages.
     */
    public List<String> warnings(Instant periodStart, Instant periodEnd) {
        List<String> out = new ArrayList<>();
        if (requestedStart != null) {
            out.add("[INFO] Covered " + ApiJson.instant(periodStart) + " .. " + ApiJson.instant(periodEnd)
                    + " (asked " + ApiJson.instant(requestedStart) + " .. " + ApiJson.instant(requestedEnd)
                    + "): the stored data's grain is " + resolution);
        }
        if (!complete) {
            out.add("[WARN] Incomplete: " + (dataUntil == null ? "no data read yet"
                    : "data only until " + ApiJson.instant(dataUntil))
                    + " (backfill or polling is behind); these numbers will still grow");
        }
        return out;
    }

    /**
     * What covers {@code [start, end)} asked as {@code [askedStart, askedEnd)}, at {@code resolution},
     * with data read up to {@code dataUntil} (null: none), answered at {@code now}; data within
     * {@code liveEdge} of {@code now} counts as caught up.
     */
    public static Covered of(Instant askedStart, Instant askedEnd, Instant start, Instant end, Duration resolution,
                             Instant dataUntil, Instant now, Duration liveEdge) {
        boolean moved = !askedStart.equals(start) || !askedEnd.equals(end);
        boolean complete = dataUntil != null && !dataUntil.isBefore(needed(end, now, liveEdge));
        Instant until = dataUntil == null || dataUntil.isBefore(end) ? dataUntil : end;
        return new Covered(moved ? askedStart : null, moved ? askedEnd : null, iso(resolution), complete, until);
    }

    /** How far data must reach for a period ending at {@code end} to be complete at {@code now}. */
    public static Instant needed(Instant end, Instant now, Duration liveEdge) {
        Instant live = now.minus(liveEdge);
        return end.isAfter(live) ? live : end;
    }

    /** The same, but not complete (some part of the answer is not read yet). */
    public Covered incomplete() {
        return new Covered(requestedStart, requestedEnd, resolution, false, dataUntil);
    }

    /** ISO-8601 as people write grains: {@code P1D} for a day (Java would say PT24H), else {@code PT1H}, {@code PT5M}. */
    static String iso(Duration d) {
        return d.toSeconds() % 86_400 == 0 && d.toNanosPart() == 0 ? "P" + d.toDays() + "D" : d.toString();
    }
}
