package io.egressmon.streams.talkers;

import io.egressmon.config.Kind;
import io.egressmon.config.Setting;
import io.egressmon.config.SettingsReader;
import java.util.List;

/**
 * The talkers topology's knobs.
 *
 * @param capacity IPs a table holds exactly before it turns approximate (Space-Saving); the same
 *                 capacity bounds every merge the queries make
 * @param topN     entries of each final hourly top-N written to {@code talkers.top-n}
 */
public record TalkerSettings(int capacity, int topN) {
    public static final int DEFAULT_TOP_N = 10;
    public static final int MAX_TOP_N = 1000;
    public static final int MIN_CAPACITY = 10;
    /**
     * A table is one changelog record: 20 000 entries of at most ~36 bytes each stay below Kafka's
     * default 1 MB message size.
     */
    public static final int MAX_CAPACITY = 20_000;

    public static final TalkerSettings DEFAULTS = new TalkerSettings(TalkerTable.DEFAULT_CAPACITY, DEFAULT_TOP_N);

    public static final Setting<TalkerSettings, Integer> CAPACITY = Setting.of(TalkerSettings.class,
            "EGRESSMON_TALKERS_CAPACITY", Kind.integer(MIN_CAPACITY, MAX_CAPACITY), String.valueOf(TalkerTable.DEFAULT_CAPACITY),
            "10000", "IPs a talker table holds exactly before it turns approximate", TalkerSettings::capacity);
    public static final Setting<TalkerSettings, Integer> TOP_N = Setting.of(TalkerSettings.class,
            "EGRESSMON_TALKERS_TOP_N", Kind.integer(1, MAX_TOP_N), String.valueOf(DEFAULT_TOP_N), "25",
            "rows of each final hourly top-N on talkers.top-n", TalkerSettings::topN);
    public static final List<Setting<TalkerSettings, ?>> SETTINGS = List.of(TOP_N, CAPACITY);

    public TalkerSettings {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("talker table capacity must be between " + MIN_CAPACITY + " and "
                    + MAX_CAPACITY + ", got " + capacity);
        }
        if (topN < 1 || topN > MAX_TOP_N) {
            throw new IllegalArgumentException("top-N must be between 1 and " + MAX_TOP_N + ", got " + topN);
        }
    }

    public static TalkerSettings from(SettingsReader r) {
        return new TalkerSettings(r.get(CAPACITY), r.get(TOP_N));
    }
}
