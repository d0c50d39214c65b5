package io.egressmon.app;

import io.egressmon.config.Kind;
import io.egressmon.config.Setting;
import io.egressmon.config.SettingsReader;
import java.nio.file.Path;
import java.util.List;

/** What only the all-in-one {@code egressmon run} has: where its embedded parts keep their data. */
record RunSettings(Path dataDir) {

    static final Setting<RunSettings, Path> DATA_DIR = Setting.of(RunSettings.class, "EGRESSMON_DATA_DIR", Kind.PATH,
            "data", "/var/lib/egressmon", "`run`: the embedded broker's log, the registry's journal, the streams state, "
                    + "the simulator's clock anchor (flag --data-dir)", RunSettings::dataDir);
    static final List<Setting<RunSettings, ?>> SETTINGS = List.of(DATA_DIR);

    static RunSettings from(SettingsReader r) {
        return new RunSettings(r.get(DATA_DIR));
    }
}
