package io.egressmon.copilot.sim;

import java.util.List;

/**
 * A positive byte rate over time, known by its integral in closed form so that a counter's value at
 * any instant costs O(1) and the simulator stores nothing per sample. Times are epoch seconds.
 */
public sealed interface Traffic permits Traffic.Diurnal, Traffic.Sum, Traffic.Since, Traffic.Between {

    /** Bytes sent at this rate over {@code [t0, t1]}; {@code t0 <= t1}. */
    double bytesBetween(long t0, long t1);

    /** The rate's average over whole days, bytes per second. */
    double meanBytesPerSecond();

    int SECONDS_PER_DAY = 86_400;

    /**
     * {@code mean · (1 + daily·cos(ω(t − dailyPeak)) + halfDaily·cos(2ω(t − halfDailyPeak)))} with
     * ω = 2π/day: a daily swing and a weaker second harmonic. {@code daily + halfDaily < 1} keeps
     * the rate positive, so counters strictly grow. The angle is taken from the time of day in
     * exact integer arithmetic, which keeps the integral precise to far below a byte even though
     * the epoch seconds are large.
     */
    record Diurnal(double mean, double daily, int dailyPeakSecondOfDay, double halfDaily,
                   int halfDailyPeakSecondOfDay) implements Traffic {

        private static final double OMEGA = 2 * Math.PI / SECONDS_PER_DAY;

        public Diurnal {
            if (!(mean > 0) || daily < 0 || halfDaily < 0 || !(daily + halfDaily < 1)) {
                throw new IllegalArgumentException("rate must stay positive: mean=" + mean
                        + ", daily=" + daily + ", halfDaily=" + halfDaily);
            }
        }

        @Override
        public double bytesBetween(long t0, long t1) {
            double first = daily / OMEGA * (sinOfDay(t1, dailyPeakSecondOfDay, 1) - sinOfDay(t0, dailyPeakSecondOfDay, 1));
            double second = halfDaily / (2 * OMEGA)
                    * (sinOfDay(t1, halfDailyPeakSecondOfDay, 2) - sinOfDay(t0, halfDailyPeakSecondOfDay, 2));
            return mean * ((t1 - t0) + first + second);
        }

        @Override
        public double meanBytesPerSecond() {
            return mean;
        }

        /** sin(k·ω·(t − peak)), reduced modulo the period first; StrictMath so every JVM agrees. */
        private static double sinOfDay(long t, int peak, int harmonic) {
            long period = SECONDS_PER_DAY / harmonic;
            long phase = Math.floorMod(t - peak, period);
            return StrictMath.sin(harmonic * OMEGA * phase);
        }
    }

    /** Several rates on one counter (eth0 carries egress, tunnel payloads and overhead). */
    record Sum(List<Traffic> parts) implements Traffic {

        public Sum {
            parts = List.copyOf(parts);
        }

        @Override
        public double bytesBetween(long t0, long t1) {
            double sum = 0;
            for (Traffic part : parts) {
                sum += part.bytesBetween(t0, t1);
            }
            return sum;
        }

        @Override
        public double meanBytesPerSecond() {
            return parts.stream().mapToDouble(Traffic::meanBytesPerSecond).sum();
        }
    }

    /** A rate that is zero before {@code start} (a tunnel created late adds to eth0 only from then). */
    record Since(long start, Traffic traffic) implements Traffic {

        @Override
        public double bytesBetween(long t0, long t1) {
            long from = Math.max(t0, start);
            long to = Math.max(t1, start);
            return from >= to ? 0 : traffic.bytesBetween(from, to);
        }

        @Override
        public double meanBytesPerSecond() {
            return traffic.meanBytesPerSecond();
        }
    }

    /**
     * A constant {@code bytesPerSecond} from {@code start} to {@code end} (epoch seconds), zero outside:
     * a spend spike. Its bytes over any interval are the rate times the overlap, a whole number for a
     * whole rate, so counters and ground truth carry it to the byte.
     */
    record Between(long start, long end, long bytesPerSecond) implements Traffic {

        public Between {
            if (end <= start || bytesPerSecond <= 0) {
                throw new IllegalArgumentException("a spike needs start < end and a positive rate: start=" + start
                        + ", end=" + end + ", bytesPerSecond=" + bytesPerSecond);
            }
        }

        @Override
        public double bytesBetween(long t0, long t1) {
            long from = Math.max(t0, start);
            long to = Math.min(t1, end);
            return from >= to ? 0 : (double) (to - from) * bytesPerSecond;
        }

        /** Zero: a spike is not part of the traffic's daily average. */
        @Override
        public double meanBytesPerSecond() {
            return 0;
        }
    }
}
