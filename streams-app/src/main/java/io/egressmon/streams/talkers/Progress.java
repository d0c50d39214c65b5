package io.egressmon.streams.talkers;

/**
 * Per-gateway progress marks of the FlowIQ talkers, kept in the {@code talkers-emitted} store beside
 * the emission mark (keys {@code PREFIX + gateway}; the emission mark is {@code talkers-1h}, which no
 * prefix here starts).
 */
public enum Progress {
    /** The end of the latest slice aggregated: how far the gateway's FlowIQ data reaches. */
    DATA_UNTIL("data-until|"),
    /**
     * The end of the latest slice longer than an hour: up to there the hourly store holds day slices
     * whole in their first hour, so a period edge before it must be answered on the day grid.
     */
    COARSE_UNTIL("coarse-until|");

    private final String prefix;

    Progress(String prefix) {
        this.prefix = prefix;
    }

    public String key(String gateway) {
        return prefix + gateway;
    }

    /** The gateway of a store key of this mark, or null when the key is not one. */
    public String gatewayOf(String key) {
        return key.startsWith(prefix) ? key.substring(prefix.length()) : null;
    }
}
