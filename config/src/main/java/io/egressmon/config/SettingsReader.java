package io.egressmon.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads typed values from {@link Settings}, collecting every problem instead of stopping at the
 * first, so one start says everything there is to fix. A value that cannot be read falls back to
 * the default (so the reading goes on) and is reported by {@link #check}, once however many components
 * read the same setting.
 */
public final class SettingsReader {
    private final Settings settings;
    private final Set<String> problems = new LinkedHashSet<>();

    SettingsReader(Settings settings) {
        this.settings = settings;
    }

    /** The value under the setting's name, else its alias, else its default (null when none). */
    public <C, T> T get(Setting<C, T> setting) {
        return get(setting, false);
    }

    /** Like {@link #get(Setting)}, the alias winning over the name when {@code aliasFirst}. */
    public <C, T> T get(Setting<C, T> setting, boolean aliasFirst) {
        String text = aliasFirst ? first(setting.alias(), setting.name()) : first(setting.name(), setting.alias());
        if (text == null) {
            return setting.defaultValue();
        }
        try {
            return setting.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return setting.defaultValue();
        }
    }

    /** True when the setting is given under its name or its alias. */
    public boolean given(Setting<?, ?> setting) {
        return first(setting.name(), setting.alias()) != null;
    }

    /** True when the setting is given under its own name (not only its alias). */
    public boolean givenByName(Setting<?, ?> setting) {
        return settings.value(setting.name()) != null;
    }

    /** A problem found by a component's own checks (a value that contradicts another, a missing one). */
    public void problem(String message) {
        problems.add(message);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** {@code config} if nothing was wrong. @throws ConfigException listing every problem */
    public <R> R check(String what, R config) {
        if (!problems.isEmpty()) {
            throw new ConfigException(what, List.copyOf(problems));
        }
        return config;
    }

    private String first(String a, String b) {
        String v = settings.value(a);
        return v != null ? v : settings.value(b);
    }
}
