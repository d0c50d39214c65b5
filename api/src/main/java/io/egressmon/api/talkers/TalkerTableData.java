package io.egressmon.api.talkers;

import java.util.List;

/**
 * A talker table as one instance hands it to another (internal): its bound, what it holds and how
 * exact it is.
 *
 * @param missingBound no IP left out of the table had more bytes than this
 * @param truncated    some input was a FlowIQ answer cut at its size
 */
public record TalkerTableData(int capacity, long totalBytes, long missingBound, boolean truncated,
                              List<TalkerEntry> entries) {
    public TalkerTableData {
        entries = List.copyOf(entries);
    }
}
