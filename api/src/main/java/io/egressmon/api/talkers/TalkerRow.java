package io.egressmon.api.talkers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.egressmon.api.HumanBytes;
import io.egressmon.schemas.IpClass;
import java.util.Objects;

/**
 * One row of a top-talkers ranking: an external destination or an internal source and the bytes it
 * exchanged with the internet over the period (both flow directions summed, as the original script does).
 *
 * @param rank          position in the ranking, from 1
 * @param humanReadable the bytes as the reports print them, e.g. {@code 109.04 GB}
 * @param isCgnat       whether {@code ip} is in 100.64.0.0/10; the text report marks such rows {@code [CGNAT]}
 * @param flowiqFilter  what to paste into CoPilot's FlowIQ filter bar: the address itself (CoPilot has
 *                      no deep links into FlowIQ)
 * @param copilotUrl    CoPilot's FlowIQ page, repeated on every row as the original CSV has it
 * @param packets       from flows only (FlowIQ counts bytes): the packets behind {@code bytes}; absent otherwise
 */
public record TalkerRow(int rank, String ip, long bytes, String humanReadable,
                           @JsonProperty("is_cgnat") boolean isCgnat, String flowiqFilter, String copilotUrl,
                           @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(isRequired = OptBoolean.FALSE)
                           Long packets) {

    public TalkerRow {
        Objects.requireNonNull(ip, "ip");
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be at least 1, got " + rank + " for " + ip);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative, got " + bytes + " for " + ip);
        }
    }

    /** The row of {@code ip} at {@code rank}, its other columns derived as the original scripts derive them. */
    public static TalkerRow of(int rank, String ip, long bytes, String copilotUrl) {
        return of(rank, ip, bytes, null, copilotUrl);
    }

    /** The same, with the packets a flow source counted (null for none). */
    public static TalkerRow of(int rank, String ip, long bytes, Long packets, String copilotUrl) {
        return new TalkerRow(rank, ip, bytes, HumanBytes.format(bytes), IpClass.isCgnat(ip), ip, copilotUrl, packets);
    }
}
