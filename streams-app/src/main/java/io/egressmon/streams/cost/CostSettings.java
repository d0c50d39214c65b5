package io.egressmon.streams.cost;

import io.egressmon.config.Kind;
import io.egressmon.config.Setting;
import io.egressmon.config.SettingsReader;
import io.egressmon.cost.CostConfigException;
import io.egressmon.cost.PriceTable;
import io.egressmon.cost.PriceTables;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the cost part prices egress with: the price table shipped in the jar, with the user's file
 * (if any) laid over it (docs/pricing.md).
 *
 * @param pricesFile the user's price table, null when the default table alone applies
 * @param prices     the table in force
 */
public record CostSettings(Path pricesFile, PriceTable prices) {
    public static final Setting<CostSettings, Path> PRICES = Setting.of(CostSettings.class, "EGRESSMON_PRICES", Kind.PATH,
            null, "/etc/egressmon/prices.yaml",
            "price table laid over the dated default in the jar (docs/pricing.md); without it, list prices",
            CostSettings::pricesFile);
    public static final List<Setting<CostSettings, ?>> SETTINGS = List.of(PRICES);

    /** The default table alone. */
    public static final CostSettings DEFAULTS = new CostSettings(null, PriceTables.defaults());

    public CostSettings {
        Objects.requireNonNull(prices, "prices");
    }

    /** Reads {@link #PRICES}; a file that cannot be used is a problem in {@code r}, each line of it named. */
    public static CostSettings from(SettingsReader r) {
        Path file = r.get(PRICES);
        if (file == null) {
            return DEFAULTS;
        }
        try {
            return new CostSettings(file, PriceTables.load(file));
        } catch (CostConfigException e) {
            r.problem(PRICES.name() + "=" + file + ": " + e.getMessage());
            return DEFAULTS;
        }
    }
}
