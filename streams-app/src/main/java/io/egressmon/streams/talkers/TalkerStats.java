package io.egressmon.streams.talkers;

import io.egressmon.streams.Counts;
import java.util.Map;

/**
 * What the talkers part of the topology saw, skipped or could not use since this instance started;
 * thread-safe, shared by all tasks, not rolled back with an aborted transaction (it counts work
 * done). Served on {@code /health} next to the bandwidth counters, through {@link #asMap()}.
 */
public final class TalkerStats {

    /** The counters, in the order {@link #asMap()} lists them under their lower-cased names. */
    enum Counter {
        TALKER_RECORDS,
        MALFORMED_TALKER_RECORDS,
        TALKER_BAD_IPS,
        TRUNCATED_TALKER_RECORDS,
        LATE_TALKER_RECORDS_1H,
        LATE_TALKER_RECORDS_1D,
        TALKER_EVICTIONS,
        TALKER_TOP_N
    }

    private final Counts<Counter> counts = new Counts<>(Counter.class);

    void increment(Counter counter) {
        counts.increment(counter);
    }

    long get(Counter counter) {
        return counts.get(counter);
    }

    /** Records read from {@code flowiq.talker-bytes}, including skipped ones. */
    public long records() {
        return get(Counter.TALKER_RECORDS);
    }

    /** Records without a key, value, role or slice start, with negative bytes, or whose key is not their gateway: skipped. */
    public long malformed() {
        return get(Counter.MALFORMED_TALKER_RECORDS);
    }

    /** Records whose IP is not an IPv4 address: skipped. */
    public long badIps() {
        return get(Counter.TALKER_BAD_IPS);
    }

    /** Records from a FlowIQ answer cut at its size: kept, and their tables marked truncated. */
    public long truncated() {
        return get(Counter.TRUNCATED_TALKER_RECORDS);
    }

    /** Records that arrived after their hour's window closed (end + grace): not in that hour. */
    public long late1h() {
        return get(Counter.LATE_TALKER_RECORDS_1H);
    }

    /** Records that arrived after their day's window closed: not in that day. */
    public long late1d() {
        return get(Counter.LATE_TALKER_RECORDS_1D);
    }

    /** IPs dropped from a full table (Space-Saving replacements): those tables are approximate. */
    public long evictions() {
        return get(Counter.TALKER_EVICTIONS);
    }

    /** Final hourly top-N records written to {@code talkers.top-n}. */
    public long topN() {
        return get(Counter.TALKER_TOP_N);
    }

    /** All counters by snake_case name, in a fixed order. */
    public Map<String, Long> asMap() {
        return counts.asMap();
    }

    @Override
    public String toString() {
        return "TalkerStats" + asMap();
    }
}
