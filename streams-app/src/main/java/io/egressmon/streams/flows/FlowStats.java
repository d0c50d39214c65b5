package io.egressmon.streams.flows;

import io.egressmon.streams.Counts;

/**
 * What the flows part of the topology read, skipped or could not place since this instance started;
 * thread-safe, served on {@code /health} next to the other counters.
 */
public final class FlowStats extends Counts<FlowStats.Counter> {

    /** The counters, in the order {@link #asMap()} lists them under their lower-cased names. */
    enum Counter {
        /** Batches (one export datagram each) read from {@code flows.records}. */
        FLOW_BATCHES,
        /** Flows in them. */
        FLOWS,
        /** Batches without a key or value: skipped. */
        MALFORMED_FLOW_BATCHES,
        /** Flows whose addresses are not both 4 or both 16 bytes, or with negative counts: skipped. */
        BAD_FLOWS,
        /** Flows between an internal host and the internet (either way): counted as talkers. */
        EGRESS_FLOWS,
        /** Flows that are not egress (internal to internal, CGNAT, loopback, multicast…): not talkers. */
        OTHER_FLOWS,
        /** Flow pieces that arrived after their minute's window closed (end + grace): not in that minute. */
        LATE_FLOW_PIECES_1M,
        /** Flow pieces that arrived after their hour's window closed. */
        LATE_FLOW_PIECES_1H,
        /** Flow pieces that arrived after their day's window closed. */
        LATE_FLOW_PIECES_1D,
        /**
         * Flows dropped from the live flow table before their five minutes were up, to keep it within
         * its bound: answers over the windows they fell in say they are incomplete.
         */
        FLOW_TABLE_DROPPED,
        /** Hours of coverage written to {@code flows.coverage}. */
        COVERAGE_HOURS,
        /** Of those, hours outside the coverage band. */
        SAMPLING_SUSPECT_HOURS
    }

    public FlowStats() {
        super(Counter.class);
    }
}
