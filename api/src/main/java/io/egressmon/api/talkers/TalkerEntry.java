package io.egressmon.api.talkers;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.Objects;

/**
 * One IP's count in a talker table, written as {@code [ip, bytes, error, packets]}: a table is
 * thousands of them.
 *
 * @param bytes   the stored count: never below the true count
 * @param error   how much of {@code bytes} may belong to other IPs: {@code 0 ≤ error ≤ bytes}
 * @param packets packets added while the IP was in the table (flows only; FlowIQ gives none: 0) — the
 *                true count when {@code error} is 0, else a lower bound
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"ip", "bytes", "error", "packets"})
public record TalkerEntry(String ip, long bytes, long error,
                          @JsonProperty(isRequired = OptBoolean.FALSE) long packets) {

    /**
     * Largest bytes first, then IP ascending: the order of every ranking. Written out rather than
     * composed: tables of thousands of entries are sorted with it on every write.
     */
    public static final Comparator<TalkerEntry> RANKING = (a, b) -> {
        int byBytes = Long.compare(b.bytes, a.bytes);
        return byBytes != 0 ? byBytes : a.ip.compareTo(b.ip);
    };

    public TalkerEntry {
        Objects.requireNonNull(ip, "ip");
        if (bytes < 0 || error < 0 || error > bytes || packets < 0) {
            throw new IllegalArgumentException("entry " + ip + ": need 0 ≤ error (" + error + ") ≤ bytes (" + bytes
                    + ") and packets (" + packets + ") ≥ 0");
        }
    }

    /** An entry without packets (FlowIQ counts bytes only). */
    public TalkerEntry(String ip, long bytes, long error) {
        this(ip, bytes, error, 0);
    }
}
