package io.egressmon.api.bandwidth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.time.Instant;
import java.util.Objects;

/**
 * Internal: one gateway's raw totals over a period as an instance read them, with how far they may
 * be off and how far its data reaches.
 *
 * @param errorBoundBytes the most the four raw counters together may be off: bytes of increases
 *                        that straddle a period edge and were split there in proportion to time
 * @param dataUntil       the instant of the gateway's last reading processed, or null when it has none
 * @param windows         whether any window of the period holds data of the gateway
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayPeriod(@JsonUnwrapped RawTotals totals, long errorBoundBytes,
                            @JsonProperty(isRequired = OptBoolean.FALSE) Instant dataUntil, boolean windows) {

    public GatewayPeriod {
        Objects.requireNonNull(totals, "totals");
        if (errorBoundBytes < 0) {
            throw new IllegalArgumentException("error bound must not be negative, got " + errorBoundBytes);
        }
    }

    /** Both parts of one gateway's period (a gateway lives on one partition, but the merge stays exact). */
    public GatewayPeriod plus(GatewayPeriod o) {
        Instant until = dataUntil == null ? o.dataUntil
                : o.dataUntil == null ? dataUntil : dataUntil.isBefore(o.dataUntil) ? dataUntil : o.dataUntil;
        return new GatewayPeriod(totals.plus(o.totals), errorBoundBytes + o.errorBoundBytes, until, windows || o.windows);
    }
}
