package io.egressmon.streams.alerts;

import io.egressmon.config.ConfigException;
import io.egressmon.config.Kind;
import io.egressmon.config.Setting;
import io.egressmon.config.SettingsReader;
import io.egressmon.cost.BudgetConfig;
import io.egressmon.cost.CostConfigException;
import io.egressmon.cost.GatewaySite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Where the budgets file is (docs/budgets.md). The file is read at start, once the inventory is
 * known ({@link #load}): its cost centers and budgets are checked against the gateways it has.
 *
 * @param file the budgets file; null: no budgets, no cost centers, the default spike rule
 */
public record BudgetSettings(Path file) {
    public static final Setting<BudgetSettings, Path> BUDGETS = Setting.of(BudgetSettings.class, "EGRESSMON_BUDGETS", Kind.PATH,
            null, "/etc/egressmon/budgets.yaml",
            "budgets, cost centers and the spike rule of the alerts (docs/budgets.md), checked against the inventory at start; "
                    + "without it, no budgets", BudgetSettings::file);
    public static final List<Setting<BudgetSettings, ?>> SETTINGS = List.of(BUDGETS);

    public static final BudgetSettings NONE = new BudgetSettings(null);

    /** Reads {@link #BUDGETS}; a file that cannot be read is a problem in {@code r} (its content is checked by {@link #load}). */
    public static BudgetSettings from(SettingsReader r) {
        Path file = r.get(BUDGETS);
        if (file != null && !Files.isReadable(file)) {
            r.problem(BUDGETS.name() + "=" + file + ": the file cannot be read (does it exist?)");
            return NONE;
        }
        return new BudgetSettings(file);
    }

    /**
     * The budgets file checked against {@code knownGateways} (the inventory), or {@link BudgetConfig#NONE}
     * without one.
     *
     * @throws ConfigException naming the setting, and the file, line and fix of every problem
     */
    public BudgetConfig load(Collection<GatewaySite> knownGateways) {
        if (file == null) {
            return BudgetConfig.NONE;
        }
        try {
            return BudgetConfig.load(file, knownGateways);
        } catch (CostConfigException e) {
            throw new ConfigException("budgets", List.of(BUDGETS.name() + "=" + file + ": " + e.getMessage()));
        }
    }
}
