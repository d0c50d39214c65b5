package io.egressmon.streams.talkers;

import io.egressmon.streams.Counts;
import java.util.Map;

/**
 * What the talkers part of the topology saw, skipped or could not use since this instance started;
 * thread-safe, shared by all tasks, not rolled back with an aborted transaction (it counts work
 * done). Served on {@code /health} next to the bandwidth counters, through {@link #asMap()}.
 */
public final class TalkerStats {

    enum Counter implements Counts.Keyed {
        RECORDS("talker_records"),
        MALFORMED("malformed_talker_records"),
        BAD_IPS("talker_bad_ips"),
        TRUNCATED("truncated_talker_records"),
        LATE_1H("late_talker_records_1h"),
        LATE_1D("late_talker_records_1d"),
        EVICTIONS("talker_evictions"),
        TOP_N("talker_top_n");

        final String key;

        Counter(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }
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
        return get(Counter.RECORDS);
    }

    /** Records without a key, value, role or slice start, with negative bytes, or whose key is not their gateway: skipped. */
    public long malformed() {
        return get(Counter.MALFORMED);
    }

    /** Records whose IP is not an IPv4 address: skipped. */
    public long badIps() {
        return get(Counter.BAD_IPS);
    }

    /** Records from a FlowIQ answer cut at its size: kept, and their tables marked truncated. */
    public long truncated() {
        return get(Counter.TRUNCATED);
    }

    /** Records that arrived after their hour's window closed (end + grace): not in that hour. */
    public long late1h() {
        return get(Counter.LATE_1H);
    }

    /** Records that arrived after their day's window closed: not in that day. */
    public long late1d() {
        return get(Counter.LATE_1D);
    }

    /** IPs dropped from a full table (Space-Saving replacements): those tables are approximate. */
    public long evictions() {
        return get(Counter.EVICTIONS);
    }

    /** Final hourly top-N records written to {@code talkers.top-n}. */
    public long topN() {
        return get(Counter.TOP_N);
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
