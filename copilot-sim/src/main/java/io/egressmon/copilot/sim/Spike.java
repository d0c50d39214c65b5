package io.egressmon.copilot.sim;

import io.egressmon.config.Durations;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Extra internet egress on one spoke between two instants: {@code bytesPerSecond} more transmitted
 * on its eth0 over {@code [from, to)} (whole seconds), on top of its usual traffic. The counters,
 * the ground truth ({@code /sim/truth}) and everything read from them carry it exactly: it is a
 * {@link Traffic.Between} added to eth0's transmit rate.
 *
 * @param gateway        a spoke of the estate
 * @param bytesPerSecond extra bytes per second transmitted to the internet
 */
public record Spike(String gateway, Instant from, Instant to, long bytesPerSecond) {

    public Spike {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a spike must end after it starts: " + from + " .. " + to);
        }
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("a spike's rate must be positive, got " + bytesPerSecond);
        }
    }

    /**
     * {@code GATEWAY,FROM,TO,BYTES_PER_SECOND}: FROM and TO are ISO-8601 instants
     * ({@code 2026-03-14T09:00:00Z}) or {@code now}, {@code now-2h}, {@code now+30m} (the config's
     * duration syntax) against {@code now}; the rate is a whole number of bytes per second.
     *
     * @throws IllegalArgumentException saying which part is wrong
     */
    public static Spike parse(String text, Instant now) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("a spike is GATEWAY,FROM,TO,BYTES_PER_SECOND (e.g. "
                    + "accounting-aws-spoke-dev,now-2h,now+1h,5000000), got '" + text + "'");
        }
        long rate;
        try {
            rate = Long.parseLong(parts[3].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a spike's BYTES_PER_SECOND must be a whole number, got '" + parts[3] + "'");
        }
        return new Spike(parts[0].strip(), instant(parts[1].strip(), now), instant(parts[2].strip(), now), rate);
    }

    private static Instant instant(String text, Instant now) {
        if (text.equals("now")) {
            return now;
        }
        if (text.startsWith("now-") || text.startsWith("now+")) {
            var d = Durations.parse(text.substring(4));
            return text.charAt(3) == '-' ? now.minus(d) : now.plus(d);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a spike's FROM and TO are ISO-8601 instants or now, now-2h, now+30m; got '"
                    + text + "'");
        }
    }

    /** The spike as eth0's extra transmit rate, in whole seconds (its edges rounded down). */
    Traffic traffic() {
        return new Traffic.Between(from.getEpochSecond(), to.getEpochSecond(), bytesPerSecond);
    }

    /** Its bytes inside {@code [t0, t1]} (epoch seconds). */
    public long bytesBetween(long t0, long t1) {
        return (long) traffic().bytesBetween(t0, t1);
    }
}
