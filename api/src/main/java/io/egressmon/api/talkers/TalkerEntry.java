package io.egressmon.api.talkers;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.Objects;

/**
 * One IP's count in a talker table, written as {@code [ip, bytes, error]}: a table is thousands of them.
 *
 * @param bytes the stored count: never below the true count
 * @param error how much of {@code bytes} may belong to other IPs: {@code 0 ≤ error ≤ bytes}
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"ip", "bytes", "error"})
public record TalkerEntry(String ip, long bytes, long error) {

    /** Largest bytes first, then IP ascending: the order of every ranking. */
    public static final Comparator<TalkerEntry> RANKING =
            Comparator.comparingLong(TalkerEntry::bytes).reversed().thenComparing(TalkerEntry::ip);

    public TalkerEntry {
        Objects.requireNonNull(ip, "ip");
        if (bytes < 0 || error < 0 || error > bytes) {
            throw new IllegalArgumentException("entry " + ip + ": need 0 ≤ error (" + error + ") ≤ bytes (" + bytes + ")");
        }
    }
}
