package io.egressmon.api.flows;

import io.egressmon.api.BadParameter;
import java.time.Duration;
import java.util.Locale;

/** How far back the flow table looks ({@code window=10s|1m|5m}); rates are over the whole window. */
public enum FlowWindow {
    TEN_SECONDS("10s", Duration.ofSeconds(10)), MINUTE("1m", Duration.ofMinutes(1)), FIVE_MINUTES("5m", Duration.ofMinutes(5));

    public static final String PARAMETER = "window";
    /** The longest window: what the flow table keeps. */
    public static final Duration LONGEST = Duration.ofMinutes(5);

    private final String key;
    private final Duration length;

    FlowWindow(String key, Duration length) {
        this.key = key;
        this.length = length;
    }

    public String key() {
        return key;
    }

    public Duration length() {
        return length;
    }

    /** {@code window=…}, or 10 s when absent. @throws BadParameter naming {@code window} */
    public static FlowWindow parse(String text) {
        if (text == null) {
            return TEN_SECONDS;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (FlowWindow w : values()) {
            if (w.key.equals(t) || w.length.toString().equalsIgnoreCase(t)) {
                return w;
            }
        }
        throw new BadParameter(PARAMETER, "window='" + text + "' is not one of 10s, 1m, 5m");
    }
}
