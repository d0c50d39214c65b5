package io.egressmon.api.flows;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the flow table: a flow, or flows collapsed on the wildcarded columns (null here, {@code *}
 * in text and CSV). Counts are what the flows' records brought within the window, sampling applied.
 *
 * @param rateKbps  {@code bytes × 8 / 1000 / window}: kbit/s over the whole window
 * @param flows     flow records summed into this row
 * @param firstSeen the earliest flow start among them
 * @param lastSeen  the latest flow end among them
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"gateway", "src_addr", "dst_addr", "src_port", "dst_port", "protocol", "bytes", "packets",
    "rate_kbps", "flows", "first_seen", "last_seen"})
public record FlowRow(String gateway, String srcAddr, String dstAddr, Integer srcPort, Integer dstPort, Integer protocol,
                      long bytes, long packets, double rateKbps, long flows, Instant firstSeen, Instant lastSeen) {

    public FlowRow {
        if (bytes < 0 || packets < 0 || flows < 0) {
            throw new IllegalArgumentException("negative count in a flow row: " + bytes + " B, " + packets + " packets, "
                    + flows + " flows");
        }
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** A row of {@code bytes} over a window of {@code windowSeconds}, its rate computed. */
    public static FlowRow of(String gateway, String srcAddr, String dstAddr, Integer srcPort, Integer dstPort,
                             Integer protocol, long bytes, long packets, long flows, Instant firstSeen, Instant lastSeen,
                             long windowSeconds) {
        return new FlowRow(gateway, srcAddr, dstAddr, srcPort, dstPort, protocol, bytes, packets,
                rate(bytes, windowSeconds), flows, firstSeen, lastSeen);
    }

    /** kbit/s of {@code bytes} over {@code seconds}, to the bit per second. */
    public static double rate(long bytes, long seconds) {
        return Math.round(bytes * 8.0 / seconds) / 1000.0;
    }

    /** The value of {@code column}, or null when wildcarded. */
    public Object value(FlowColumn column) {
        return switch (column) {
            case GATEWAY -> gateway;
            case SRC_ADDR -> srcAddr;
            case DST_ADDR -> dstAddr;
            case SRC_PORT -> srcPort;
            case DST_PORT -> dstPort;
            case PROTOCOL -> protocol;
        };
    }
}
