package io.egressmon.streams.flows;

import io.egressmon.config.Kind;
import io.egressmon.config.Setting;
import io.egressmon.config.SettingsReader;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the streams app reads flows (design.md, "Flows"): which addresses are internal, which are
 * neither internal nor internet, and the band a gateway's coverage must stay in.
 *
 * @param internal     ranges of internal hosts (RFC 1918 and IPv6 ULA by default)
 * @param neither      ranges that are neither internal nor internet (CGNAT by default): never talkers
 * @param coverageLow  flow ÷ counter egress below this flags a gateway {@code sampling_suspect}
 * @param coverageHigh above this too
 */
public record FlowSettings(List<String> internal, List<String> neither, double coverageLow, double coverageHigh) {
    public static final FlowSettings DEFAULTS = new FlowSettings(AddressClass.DEFAULT_INTERNAL, AddressClass.DEFAULT_NEITHER,
            0.8, 1.25);

    public static final Setting<FlowSettings, List<String>> INTERNAL = Setting.of(FlowSettings.class,
            "EGRESSMON_INTERNAL_NETWORKS", ranges(), String.join(",", AddressClass.DEFAULT_INTERNAL),
            "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7,203.0.113.0/24",
            "address ranges of internal hosts: a flow between one of them and the internet is egress", FlowSettings::internal);
    public static final Setting<FlowSettings, List<String>> NEITHER = Setting.of(FlowSettings.class,
            "EGRESSMON_NEITHER_NETWORKS", ranges(), String.join(",", AddressClass.DEFAULT_NEITHER), "100.64.0.0/10,198.18.0.0/15",
            "address ranges that are neither internal nor internet (CGNAT): never talkers", FlowSettings::neither);
    public static final Setting<FlowSettings, Double> COVERAGE_LOW = Setting.of(FlowSettings.class,
            "EGRESSMON_COVERAGE_LOW", ratio(), "0.8", "0.9",
            "flow ÷ counter egress below this flags a gateway sampling_suspect", FlowSettings::coverageLow);
    public static final Setting<FlowSettings, Double> COVERAGE_HIGH = Setting.of(FlowSettings.class,
            "EGRESSMON_COVERAGE_HIGH", ratio(), "1.25", "1.1",
            "flow ÷ counter egress above this flags a gateway sampling_suspect", FlowSettings::coverageHigh);
    public static final List<Setting<FlowSettings, ?>> SETTINGS = List.of(INTERNAL, NEITHER, COVERAGE_LOW, COVERAGE_HIGH);

    public FlowSettings {
        internal = List.copyOf(internal);
        neither = List.copyOf(neither);
        if (!(coverageLow > 0 && coverageLow < coverageHigh)) {
            throw new IllegalArgumentException("the coverage band needs 0 < low < high, got " + coverageLow + " and " + coverageHigh);
        }
    }

    public static FlowSettings from(SettingsReader r) {
        double low = r.get(COVERAGE_LOW);
        double high = r.get(COVERAGE_HIGH);
        if (!(low < high)) {
            r.problem(COVERAGE_LOW.name() + "=" + low + " must be below " + COVERAGE_HIGH.name() + "=" + high);
            return new FlowSettings(r.get(INTERNAL), r.get(NEITHER), DEFAULTS.coverageLow, DEFAULTS.coverageHigh);
        }
        return new FlowSettings(r.get(INTERNAL), r.get(NEITHER), low, high);
    }

    /** The classifier of these ranges. */
    public AddressClass.Classifier classifier() {
        return AddressClass.Classifier.of(internal, neither);
    }

    /** Comma-separated CIDR ranges, each checked; {@code none} for no range. */
    static Kind<List<String>> ranges() {
        return new Kind<>(text -> {
            if (text.isBlank() || text.toLowerCase(Locale.ROOT).equals("none")) {
                return List.of();
            }
            List<String> out = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            out.forEach(AddressClass.Cidr::parse);
            return out;
        }, list -> list.isEmpty() ? "none" : String.join(",", list), s -> s);
    }

    /** A positive decimal number. */
    static Kind<Double> ratio() {
        return new Kind<>(text -> {
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a number");
            }
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("must be a number above 0");
            }
            return v;
        }, String::valueOf, s -> s);
    }
}
