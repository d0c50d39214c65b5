package io.egressmon.app.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles over recorded durations, in milliseconds. */
final class Latencies {
    private final double[] millis;
    private int count;

    Latencies(int capacity) {
        millis = new double[capacity];
    }

    void record(long nanos) {
        millis[count++] = nanos / 1_000_000.0;
    }

    double percentile(double p) {
        if (count == 0) {
            throw new IllegalStateException("no samples recorded");
        }
        double[] sorted = Arrays.copyOf(millis, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
    }

    int count() {
        return count;
    }

    /** All samples of {@code parts} in one. */
    static Latencies merge(List<Latencies> parts) {
        int total = parts.stream().mapToInt(Latencies::count).sum();
        Latencies all = new Latencies(total);
        for (Latencies part : parts) {
            System.arraycopy(part.millis, 0, all.millis, all.count, part.count);
            all.count += part.count;
        }
        return all;
    }

    String summary() {
        return String.format("n=%d p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms",
                count, percentile(50), percentile(90), percentile(99), percentile(100));
    }
}
