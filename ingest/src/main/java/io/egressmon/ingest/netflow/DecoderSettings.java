package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the decoders are told rather than read from the wire.
 *
 * @param samplingRates   per exporter, the rate to assume when its export says none (configured by the user)
 * @param defaultSampling the rate for any other exporter that says none: 1 (unsampled) unless configured
 * @param holdTime        how long data sets that came before their template are kept waiting for it
 * @param holdLimit       at most this many such sets per exporter; the oldest goes first (counted {@link Dropped#NO_TEMPLATE})
 * @param egressCopies    which records marked egress (IE 61 = 1) are dropped as {@link Dropped#EGRESS_COPY}
 */
public record DecoderSettings(Map<InetAddress, Long> samplingRates, long defaultSampling, Duration holdTime,
                              int holdLimit, EgressCopies egressCopies) {
    public static final Duration DEFAULT_HOLD_TIME = Duration.ofMinutes(10);
    public static final int DEFAULT_HOLD_LIMIT = 1024;

    public DecoderSettings {
        samplingRates = Map.copyOf(samplingRates);
        Objects.requireNonNull(holdTime, "holdTime");
        Objects.requireNonNull(egressCopies, "egressCopies");
        if (defaultSampling < 1 || samplingRates.values().stream().anyMatch(r -> r < 1)) {
            throw new IllegalArgumentException("sampling rates must be at least 1");
        }
        if (holdLimit < 0) {
            throw new IllegalArgumentException("holdLimit must not be negative, got " + holdLimit);
        }
    }

    /**
     * Unsampled unless the export says otherwise, sets held 10 minutes (Open vSwitch resends templates
     * that rarely), 1024 per exporter, Open vSwitch's egress copies dropped.
     */
    public static DecoderSettings defaults() {
        return new DecoderSettings(Map.of(), 1, DEFAULT_HOLD_TIME, DEFAULT_HOLD_LIMIT, EgressCopies.AUTO);
    }

    /** The rate to assume for {@code exporter} when its export says none. */
    public long samplingFor(InetAddress exporter) {
        return samplingRates.getOrDefault(exporter, defaultSampling);
    }
}
