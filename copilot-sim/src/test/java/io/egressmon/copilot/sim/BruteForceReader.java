package io.egressmon.copilot.sim;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * Reads counters the slow, obvious way — straight from the rates, one whole minute at a time, with
 * none of the estate's segment arithmetic — to check the closed-form answers against.
 */
final class BruteForceReader {

    private final Estate estate;

    BruteForceReader(Estate estate) {
        this.estate = estate;
    }

    /** The counter sampled at {@code t} (epoch seconds), if the interface was sampled then. */
    OptionalLong counter(Gateway gateway, GatewayInterface iface, boolean rx, long t) {
        if (!gateway.hasMetrics() || t % 60 != 0) {
            return OptionalLong.empty();
        }
        long zero = Math.max(iface.createdAt().getEpochSecond(), estate.origin().getEpochSecond());
        if (t < zero) {
            return OptionalLong.empty();
        }
        for (Reboot reboot : gateway.reboots()) {
            long down = reboot.down().getEpochSecond();
            long up = reboot.up().getEpochSecond();
            if (down < zero) {
                continue;
            }
            if (t >= down && t < up) {
                return OptionalLong.empty();
            }
            if (t >= up) {
                zero = up;
            }
        }
        Traffic traffic = rx ? iface.rx() : iface.tx();
        return OptionalLong.of((long) Math.floor(traffic.bytesBetween(zero, t)));
    }

    /**
     * What a reader holding every whole-minute sample adds up over {@code (from, to]}: each later
     * sample against the one before it, a drop meaning the counter restarted at zero. It starts
     * reading {@code lookBackMinutes} before {@code from} to know the last value before it.
     */
    long delta(Gateway gateway, GatewayInterface iface, boolean rx, Instant from, Instant to, int lookBackMinutes) {
        long first = Math.floorDiv(from.getEpochSecond(), 60) * 60 - lookBackMinutes * 60L;
        long end = Math.floorDiv(to.getEpochSecond(), 60) * 60;
        long sum = 0;
        Long previous = null;
        for (long t = first; t <= end; t += 60) {
            OptionalLong value = counter(gateway, iface, rx, t);
            if (value.isEmpty()) {
                continue;
            }
            long v = value.getAsLong();
            if (previous != null && t > from.getEpochSecond()) {
                sum += v >= previous ? v - previous : v;
            }
            previous = v;
        }
        return sum;
    }

    /** min and max over the samples in {@code [start, end]}, or null when there are none. */
    CounterRange range(Gateway gateway, GatewayInterface iface, boolean rx, Instant start, Instant end) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long t = Math.floorDiv(start.getEpochSecond(), 60) * 60;
        for (; t <= end.getEpochSecond(); t += 60) {
            if (Instant.ofEpochSecond(t).isBefore(start)) {
                continue;
            }
            OptionalLong value = counter(gateway, iface, rx, t);
            if (value.isPresent()) {
                min = Math.min(min, value.getAsLong());
                max = Math.max(max, value.getAsLong());
            }
        }
        return min == Long.MAX_VALUE ? null : new CounterRange(min, max);
    }
}
