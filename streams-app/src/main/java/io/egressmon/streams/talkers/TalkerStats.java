package io.egressmon.streams.talkers;

import io.egressmon.streams.Counts;

/**
 * What the talkers part of the topology saw, skipped or could not use since this instance started;
 * thread-safe, shared by all tasks, not rolled back with an aborted transaction (it counts work
 * done). Served on {@code /health} next to the bandwidth counters, through {@link #asMap()}.
 */
public final class TalkerStats extends Counts<TalkerStats.Counter> {

    /** The counters, in the order {@link #asMap()} lists them under their lower-cased names. */
    enum Counter {
        /** Records read from {@code flowiq.talker-bytes}, including skipped ones. */
        TALKER_RECORDS,
        /** Records without a key, value, role or slice start, with negative bytes, or whose key is not their gateway: skipped. */
        MALFORMED_TALKER_RECORDS,
        /** Records whose IP is not an IPv4 address: skipped. */
        TALKER_BAD_IPS,
        /** Records from a FlowIQ answer cut at its size: kept, and their tables marked truncated. */
        TRUNCATED_TALKER_RECORDS,
        /** Records that arrived after their hour's window closed (end + grace): not in that hour. */
        LATE_TALKER_RECORDS_1H,
        /** Records that arrived after their day's window closed: not in that day. */
        LATE_TALKER_RECORDS_1D,
        /** IPs dropped from a full table when it was trimmed to its capacity: those tables are approximate. */
        TALKER_EVICTIONS,
        /** Final hourly top-N records written to {@code talkers.top-n}. */
        TALKER_TOP_N
    }

    public TalkerStats() {
        super(Counter.class);
    }

}
