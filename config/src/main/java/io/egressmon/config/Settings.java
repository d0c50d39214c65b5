package io.egressmon.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every setting comes from, by environment name, in order of precedence: command-line flags
 * (each flag sets the same name as its environment variable), the process environment, the
 * {@code --env} file (either naming convention of the original scripts), then each setting's
 * default — except that a CoPilot named in the {@code --env} file comes whole from the file: the
 * operating system sets {@code USERNAME} for its own purposes, and a file the user pointed at must
 * not be half-overridden by it. A blank value counts as not given.
 */
public final class Settings {
    /** The CoPilot's address and login in both conventions of the original scripts. */
    public static final List<String> COPILOT_NAMES = List.of("COPILOT_URL", "USERNAME", "PASSWORD",
            "AVIATRIX_COPILOT_IP", "AVIATRIX_USERNAME", "AVIATRIX_PASSWORD");

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * The settings of a process.
     *
     * @param envFile     the {@code --env} file, or null
     * @param environment the process environment
     * @param flags       what the command-line flags set, by environment name
     */
    public static Settings load(Path envFile, Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> file = envFile == null ? Map.of() : EnvFile.read(envFile);
        Map<String, String> merged = new HashMap<>(file);
        merged.putAll(environment);
        if (namesCopilot(file)) {
            for (String name : COPILOT_NAMES) {
                merged.remove(name);
                if (file.containsKey(name)) {
                    merged.put(name, file.get(name));
                }
            }
        }
        merged.putAll(flags);
        return new Settings(merged);
    }

    /** Exactly these values (tests, and launchers adding what they started). */
    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /** These settings with {@code name} set to {@code value}, e.g. the address of an embedded broker. */
    public Settings with(String name, String value) {
        Map<String, String> more = new HashMap<>(values);
        more.put(name, value);
        return new Settings(more);
    }

    /** The value of {@code name}, stripped; null when it is not given or blank. */
    public String value(String name) {
        String v = name == null ? null : values.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** True when the settings name a real CoPilot; otherwise the built-in simulator is used. */
    public boolean namesCopilot() {
        return namesCopilot(values);
    }

    /** A reader that collects every problem of what it reads. */
    public SettingsReader reader() {
        return new SettingsReader(this);
    }

    private static boolean namesCopilot(Map<String, String> values) {
        return notBlank(values.get("COPILOT_URL")) || notBlank(values.get("AVIATRIX_COPILOT_IP"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
