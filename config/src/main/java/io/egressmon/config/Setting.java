package io.egressmon.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One setting of one component: its environment name (the same name in a {@code .env} file, and
 * the name a command-line flag sets), its kind, its default, a valid example that is not the default,
 * what it does, and where its value lands in the component ({@code value}). The catalogue of all of
 * them is what docs/design.md's configuration table is checked against.
 *
 * @param component   the typed configuration it belongs to
 * @param name        e.g. {@code EGRESSMON_POLL_INTERVAL}
 * @param alias       a second name the original scripts used (e.g. {@code AVIATRIX_COPILOT_IP}), or null
 * @param defaultText the default as documented; null when there is none (required, or filled in by the launcher)
 * @param example     a valid value other than the default (documentation and tests)
 * @param value       the value in a component read from the settings
 */
public record Setting<C, T>(Class<C> component, String name, String alias, Kind<T> kind, String defaultText,
                            String example, String description, Function<C, T> value) {

    public Setting {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(value, "value");
    }

    public static <C, T> Setting<C, T> of(Class<C> component, String name, Kind<T> kind, String defaultText,
                                          String example, String description, Function<C, T> value) {
        return new Setting<>(component, name, null, kind, defaultText, example, description, value);
    }

    /** This setting also read from {@code alias}. */
    public Setting<C, T> orAlias(String alias) {
        return new Setting<>(component, name, alias, kind, defaultText, example, description, value);
    }

    /** The default's value; null when there is no default. */
    public T defaultValue() {
        return defaultText == null ? null : kind.parse().apply(defaultText);
    }

    /** {@code text} as this setting's value. @throws IllegalArgumentException naming the setting */
    public T parse(String text) {
        try {
            return kind.parse().apply(text.strip());
        } catch (IllegalArgumentException e) {
            String shown = kind.echo().apply(text.strip());
            throw new IllegalArgumentException((shown == null ? name : name + "='" + shown + "'") + " " + e.getMessage(), e);
        }
    }

    /** The value as documented and logged (a secret as {@code ***}); empty for none. */
    public String show(T v) {
        return v == null ? "" : kind.show().apply(v);
    }

    /** {@code NAME} or {@code NAME or ALIAS}, as the documentation names it. */
    public String names() {
        return alias == null ? name : name + " or " + alias;
    }
}
